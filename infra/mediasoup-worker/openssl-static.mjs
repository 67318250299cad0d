// Builds a static OpenSSL for the mediasoup worker from the upstream source tarball, fetched
// from Debian's archive (the one source host these machines reach) and checked against a
// pinned SHA-256.
//
// Why not Debian's libssl3: with bookworm's libssl3 (3.0.20-1~deb12u2 and 3.0.22-1~deb12u2),
// the worker segfaults inside SSL_read() on the first DTLS ClientHello from Chromium, while
// the same upstream release built from source completes the handshake (see README.md here).
// The official prebuilt worker links its own OpenSSL statically too.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const OPENSSL_VERSION = '3.0.22';
const OPENSSL_SHA256 = '67ebca7e50d17383028045486653492195b83db95f8558709701bb47b5c1ef81';
const TARBALL = `openssl_${OPENSSL_VERSION}.orig.tar.gz`;
const MIRRORS = [
  `http://deb.debian.org/debian-security/pool/updates/main/o/openssl/${TARBALL}`,
  `http://deb.debian.org/debian/pool/main/o/openssl/${TARBALL}`,
];

// Only what the worker uses (DTLS 1.2, ECDSA/ECDHE, AES, SHA-1/2, HMAC, X.509); fewer
// algorithms, shorter build.
const CONFIGURE_OPTIONS = [
  'no-shared',
  'no-tests',
  'no-legacy',
  'no-engine',
  'no-comp',
  'no-ssl3',
  'no-tls1',
  'no-tls1_1',
  'no-idea',
  'no-camellia',
  'no-seed',
  'no-bf',
  'no-cast',
  'no-rc2',
  'no-rc4',
  'no-md4',
  'no-mdc2',
  'no-whirlpool',
  'no-sm2',
  'no-sm3',
  'no-sm4',
  'no-ct',
  'no-cms',
  'no-ts',
  'no-cmp',
  'no-gost',
  'no-srp',
  'no-ocb',
  'no-siphash',
  'no-rfc3779',
];

const sha256 = (buffer) => createHash('sha256').update(buffer).digest('hex');

/** The verified source tarball: OPENSSL_SOURCE_TARBALL, else the cache, else a Debian mirror. */
async function sourceTarball(cacheRoot, log) {
  const fromEnv = process.env.OPENSSL_SOURCE_TARBALL;
  const cached = join(cacheRoot, 'sources', TARBALL);
  for (const candidate of [fromEnv, cached]) {
    if (candidate && existsSync(candidate) && sha256(readFileSync(candidate)) === OPENSSL_SHA256)
      return candidate;
  }
  for (const url of MIRRORS) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = Buffer.from(await response.arrayBuffer());
      if (sha256(body) !== OPENSSL_SHA256) throw new Error('checksum mismatch');
      mkdirSync(join(cacheRoot, 'sources'), { recursive: true });
      writeFileSync(`${cached}.partial`, body);
      renameSync(`${cached}.partial`, cached);
      log(`fetched OpenSSL ${OPENSSL_VERSION} source from ${url}`);
      return cached;
    } catch (error) {
      log(`OpenSSL source not available from ${url} (${error.message})`);
    }
  }
  throw new Error(
    `cannot get the OpenSSL ${OPENSSL_VERSION} source; download ${TARBALL} (sha256 ${OPENSSL_SHA256}) and set OPENSSL_SOURCE_TARBALL to its path`,
  );
}

/**
 * Builds OpenSSL into `${work}/openssl` and returns its pkg-config directory, for meson to find
 * in place of the system's. `run(program, args, cwd)` runs and logs a build step.
 */
export async function buildStaticOpenSsl({ work, cacheRoot, jobs, run, log }) {
  const tarball = await sourceTarball(cacheRoot, log);
  const prefix = join(work, 'openssl');
  run('tar', ['-xzf', tarball], work);
  const source = join(work, `openssl-${OPENSSL_VERSION}`);
  log(`building a static OpenSSL ${OPENSSL_VERSION} for the worker (a few minutes)`);
  run('perl', ['Configure', `--prefix=${prefix}`, '--libdir=lib', ...CONFIGURE_OPTIONS], source);
  run('make', [`-j${jobs}`, 'build_libs'], source);
  run('make', ['install_dev'], source);
  return join(prefix, 'lib', 'pkgconfig');
}
