/** The end of `switchboard --help`: where the config lives and what the exit codes mean. */
export const exitCodeHelp = `
Accounts live in ~/.config/switchboard/accounts.json ($XDG_CONFIG_HOME honoured; --config or
$SWITCHBOARD_CONFIG to use another file), without secrets: passwords come from the environment
variable an account names (passwordEnv) or are typed at the prompt; OAuth2 tokens are kept in
tokens.json next to it (mode 0600) by "switchboard login".

Exit codes:
  0    done
  1    other failure (e.g. the server answered a request with an error)
  2    usage or configuration (unknown option, account or profile; invalid config file)
  3    the server could not be reached or secured (refused, timeout, TLS)
  4    authentication (wrong or missing password, tokens missing or refused: sign in again)
  5    the profile or server does not allow the operation
  130  interrupted`;
