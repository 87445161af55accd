import { chromiumPath } from './chromium';

test('Chromium is found at CHROMIUM_PATH, in the usual places, or on PATH', () => {
  expect(chromiumPath({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
  expect(chromiumPath({ PATH: '/nowhere' }, [process.execPath])).toBe(process.execPath);
});

test('without Chromium the browser tests fail saying where they looked and how to install it', () => {
  expect(() => chromiumPath({ PATH: '/nowhere' }, ['/no/chromium'])).toThrow(
    /found none \(looked at \/no\/chromium and for chromium, chromium-browser, .* on PATH\)\. Install Debian's package \(apt-get install chromium/,
  );
  expect(() => chromiumPath({ CHROMIUM_PATH: '/no/such/browser' })).toThrow('CHROMIUM_PATH is /no/such/browser, which is not an executable file');
});
