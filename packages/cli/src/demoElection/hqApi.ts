import { randomBytes } from 'node:crypto';
import { problem, type Problem } from '@sandogh/core';
import { devicePrivateKey, signDeviceMessage } from '@sandogh/crypto';
import { totpCode } from '@sandogh/store';

/**
 * The demo election speaks to the HQ the way its clients do (issue 7, the main job): staff
 * sign in with password and TOTP code and use a bearer token; devices sign every message with
 * their Ed25519 key (docs/FORMATS.md "Device messages"). Nothing here reaches into the HQ.
 */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export class HqApi {
  constructor(readonly url: string) {}

  async call(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
    const res = await fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, body: parsed };
  }

  /** Calls and insists on a 2xx answer; anything else is a problem naming the step. */
  async must(
    step: string,
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<unknown> {
    const a = await this.call(method, path, body, token);
    if (a.status < 200 || a.status > 299) throw stepFailed(step, a);
    return a.body;
  }

  async login(username: string, password: string, totpSecret: string): Promise<string> {
    const body = (await this.must('sign in', 'POST', '/session/login', {
      username,
      password,
      totp: totpCode(totpSecret, Date.now()) ?? '',
      bearer: true,
    })) as { token?: unknown };
    if (typeof body.token !== 'string') throw stepFailed('sign in', { status: 200, body });
    return body.token;
  }

  /** A message signed by a device, as the station's authentication or voting device sends it. */
  deviceMessage(
    device: { serial: string; branchId: string; seedHex: string },
    electionHash: string,
    kind: string,
    body: object,
  ): unknown {
    return signDeviceMessage(
      {
        v: 1 as const,
        election: electionHash,
        branch: device.branchId,
        device: device.serial,
        kind,
        id: randomBytes(16).toString('hex'),
        at: new Date().toISOString(),
        body,
      },
      devicePrivateKey(device.seedHex),
    );
  }
}

export class DemoStepError extends Error {
  override readonly name = 'DemoStepError';
  constructor(readonly problem: Problem) {
    super(problem.message.en);
  }
}

export function stepFailed(step: string, answer: Answer): DemoStepError {
  const detail = JSON.stringify(answer.body).slice(0, 300);
  return new DemoStepError(
    problem('DEMO_ELECTION_FAILED', { step, reason: `HTTP ${answer.status}: ${detail}` }),
  );
}
