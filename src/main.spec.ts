import { listeningBanner } from './main';

describe('the start banner', () => {
  it('says a server bound to 0.0.0.0 listens on every interface, not on 127.0.0.1', () => {
    expect(listeningBanner({ address: '0.0.0.0', family: 'IPv4', port: 3000 })).toBe(
      'BridgeCore listening on 0.0.0.0:3000 (every interface); here: http://localhost:3000 (docs: http://localhost:3000/docs, metrics: http://localhost:3000/metrics)\n',
    );
    expect(listeningBanner({ address: '::', family: 'IPv6', port: 8080 })).toMatch(/^BridgeCore listening on \[::\]:8080 \(every interface\); here: http:\/\/localhost:8080 /);
  });

  it('names the one address a server bound to a single interface answers on', () => {
    expect(listeningBanner({ address: '10.1.2.3', family: 'IPv4', port: 3000 })).toBe(
      'BridgeCore listening on 10.1.2.3:3000; here: http://10.1.2.3:3000 (docs: http://10.1.2.3:3000/docs, metrics: http://10.1.2.3:3000/metrics)\n',
    );
    expect(listeningBanner({ address: '::1', family: 'IPv6', port: 3000 })).toContain('here: http://[::1]:3000 ');
  });
});
