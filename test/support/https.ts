/** Minimal HTTPS client for tests that talk to a real server with the development CA. */
import https from 'node:https';

export interface HttpsResponse { status: number; headers: Record<string, string | string[] | undefined>; text: string; json: any }

export function httpsRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; ca: string | Buffer; agent?: https.Agent }): Promise<HttpsResponse> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: options.method ?? 'GET', headers: options.headers, ca: options.ca, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** A token from the real token service by ROPC with the Entrada CLI client (a pre-authorized public client). */
export async function passwordToken(baseUrl: string, tenant: string, username: string, password: string, scope: string, ca: string | Buffer): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'password', client_id: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', username, password, scope,
  }).toString();
  const res = await httpsRequest(`${baseUrl}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, ca,
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
  return res.json.access_token as string;
}
