import { renderConfig } from './renderConfig';

const paths = {
  dataDir: '/t/data',
  certDir: '/t/certs',
  pidFile: '/t/prosody.pid',
  logFile: '/t/prosody.log',
  port: 5222,
  directTlsPort: 5223,
  websocketPort: undefined,
  certFile: '/t/certs/server.crt',
  keyFile: '/t/certs/server.key',
};

describe(renderConfig, () => {
  it('when given extraConfig and hostConfig, puts the global lines before the first host and each host its own', () => {
    const config = renderConfig(
      { extraConfig: 'global_marker = 1', hostConfig: { 'b.test': 'b_marker = 1' } },
      [{ domain: 'a.test' }, { domain: 'b.test', config: 'b_own = 1' }],
      paths,
    );
    const [global = '', a = '', b = ''] = config.split(/^(?=VirtualHost )/m);
    expect(global).toContain('global_marker = 1');
    expect(global).toContain('c2s_ports = { 5222 }');
    expect(global).toContain('c2s_direct_tls_ports = { 5223 }');
    expect(global).toContain('interfaces = { "127.0.0.1" }');
    expect(global).toContain('modules_disabled = { "s2s" }');
    expect(global).toContain('c2s_require_encryption = true');
    expect(a).toMatch(/^VirtualHost "a.test"\nssl = \{ certificate = "\/t\/certs\/server.crt"/);
    expect(a).not.toContain('marker');
    expect(b).toMatch(/b_marker = 1\nb_own = 1/);
  });

  it('when ipv6 is on, listens on ::1 as well as 127.0.0.1', () => {
    const config = renderConfig({ ipv6: true }, [{ domain: 'a.test' }], paths);
    expect(config).toMatch(/^interfaces = \{ "127\.0\.0\.1", "::1" \}$/m);
    expect(config).toMatch(/^local_interfaces = \{ "127\.0\.0\.1" \}$/m);
  });

  it("when tls is 'none', has no certificate, no tls module and allows PLAIN in the clear", () => {
    const config = renderConfig({ tls: 'none' }, [{ domain: 'a.test', anonymous: true }], {
      ...paths,
      directTlsPort: undefined,
      certFile: undefined,
      keyFile: undefined,
    });
    expect(config).not.toContain('ssl =');
    expect(config).not.toContain('"tls"');
    expect(config).toContain('c2s_require_encryption = false');
    expect(config).toContain('allow_unencrypted_plain_auth = true');
    expect(config).toContain('c2s_direct_tls_ports = {  }');
    expect(config).toContain('VirtualHost "a.test"\nauthentication = "anonymous"');
  });

  it('enables stream management by default, with a hibernation time when given, and not when off', () => {
    const hosts = [{ domain: 'a.test' }];
    const byDefault = renderConfig({}, hosts, paths);
    expect(byDefault).toMatch(/modules_enabled = \{[^}]*"smacks"/);
    expect(byDefault).not.toContain('smacks_hibernation_time');
    const short = renderConfig({ streamManagement: { hibernationSeconds: 30 } }, hosts, paths);
    expect(short).toContain('smacks_hibernation_time = 30');
    const off = renderConfig({ streamManagement: false }, hosts, paths);
    expect(off).not.toContain('smacks');
  });

  it('when websocketPort is set, enables http and websocket on that HTTPS port only, with the c2s certificate', () => {
    const config = renderConfig({}, [{ domain: 'a.test' }], { ...paths, websocketPort: 5281 });
    const [global = ''] = config.split(/^(?=VirtualHost )/m);
    expect(global).toMatch(/modules_enabled = \{[^}]*"http", "websocket"/);
    expect(global).toContain('http_ports = { }');
    expect(global).toContain('http_interfaces = { "127.0.0.1" }');
    expect(global).toContain('https_ports = { 5281 }');
    expect(global).toContain('https_interfaces = { "127.0.0.1" }');
    expect(global).toContain(
      'https_ssl = { certificate = "/t/certs/server.crt"; key = "/t/certs/server.key" }',
    );
    expect(global).toContain('network_settings = { nagle = false }');
    expect(global).not.toContain('consider_websocket_secure');
  });

  it('when websocketPort is not set, has no HTTP at all', () => {
    const config = renderConfig({}, [{ domain: 'a.test' }], paths);
    expect(config).not.toMatch(/http|websocket/);
  });

  it('when rooms, archive and carbons are on, adds the muc component (archived) and mam and carbons', () => {
    const config = renderConfig(
      { rooms: true, archive: true, carbons: true },
      [{ domain: 'a.test' }],
      paths,
    );
    const [global = '', rest = ''] = config.split(/^(?=VirtualHost )/m);
    expect(global).toMatch(/^modules_enabled = \{ .*"mam", "carbons" \}$/m);
    expect(global).toContain('default_archive_policy = true');
    const component = rest.slice(rest.indexOf('Component'));
    expect(component).toMatch(/^Component "conference.a.test" "muc"$/m);
    expect(component).toContain('modules_enabled = { "muc_mam" }');
    expect(component).toContain('restrict_room_creation = false');
  });

  it('has no component, archive or carbons by default, and rooms without archive are not archived', () => {
    expect(renderConfig({}, [{ domain: 'a.test' }], paths)).not.toMatch(/Component|mam|carbons/);
    const rooms = renderConfig(
      { rooms: { domain: 'rooms.a.test' } },
      [{ domain: 'a.test' }],
      paths,
    );
    expect(rooms).toMatch(/^Component "rooms.a.test" "muc"$/m);
    expect(rooms).not.toContain('mam');
  });

  describe('with the Prosody 13 options', () => {
    const hosts = [{ domain: 'a.test' }];
    const modulesOf = (config: string): string[] =>
      [...(/^modules_enabled = \{ (.*) \}$/m.exec(config)?.[1]?.matchAll(/"([^"]+)"/g) ?? [])].map(
        (m) => m[1] ?? '',
      );

    it('when sasl2 is on, enables sasl2 with bind2, inline stream management and FAST', () => {
      const config = renderConfig({ sasl2: true }, hosts, paths);
      expect(modulesOf(config)).toEqual(
        expect.arrayContaining([
          'saslauth',
          'smacks',
          'sasl2',
          'sasl2_bind2',
          'sasl2_sm',
          'sasl2_fast',
        ]),
      );
      expect(modulesOf(config).filter((m) => m.startsWith('sasl2'))).toEqual([
        'sasl2',
        'sasl2_bind2',
        'sasl2_sm',
        'sasl2_fast',
      ]);
    });

    it('when sasl2 has fast: false or stream management is off, leaves those modules out', () => {
      const noFast = modulesOf(renderConfig({ sasl2: { fast: false } }, hosts, paths));
      expect(noFast.filter((m) => m.startsWith('sasl2'))).toEqual([
        'sasl2',
        'sasl2_bind2',
        'sasl2_sm',
      ]);
      const noSm = modulesOf(renderConfig({ sasl2: true, streamManagement: false }, hosts, paths));
      expect(noSm.filter((m) => m.startsWith('sasl2') || m === 'smacks')).toEqual([
        'sasl2',
        'sasl2_bind2',
        'sasl2_fast',
      ]);
    });

    it('when ssdp and tlsServerEndPoint are on, enables sasl_ssdp and the tls-server-end-point hash', () => {
      const config = renderConfig({ ssdp: true, tlsServerEndPoint: true }, hosts, paths);
      expect(modulesOf(config)).toContain('sasl_ssdp');
      expect(modulesOf(config).filter((m) => m.startsWith('sasl2'))).toEqual([]);
      const [global = ''] = config.split(/^(?=VirtualHost )/m);
      expect(global).toMatch(/^tls_server_end_point_hash = "auto"$/m);
    });

    it('by default, has no SASL2 module, no SSDP and no tls-server-end-point hash', () => {
      const config = renderConfig({}, hosts, paths);
      expect(modulesOf(config)).not.toEqual(expect.arrayContaining(['sasl2']));
      expect(config).not.toMatch(/sasl2|ssdp|tls_server_end_point/);
    });
  });
});
