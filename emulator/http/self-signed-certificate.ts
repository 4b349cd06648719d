/**
 * A self-signed certificate for localhost and 127.0.0.1, made with the `selfsigned` library (Node has no API to make
 * X.509 certificates). Azure SDK clients refuse bearer tokens over plain HTTP, so the emulator serves HTTPS.
 */
export async function generateSelfSignedCertificate(validDays = 30): Promise<{ cert: string; key: string }> {
  const selfsigned = await import('selfsigned');
  const generated = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048, algorithm: 'sha256', notAfterDate: new Date(Date.now() + validDays * 86_400_000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  return { cert: generated.cert, key: generated.private };
}
