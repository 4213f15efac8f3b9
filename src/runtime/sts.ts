// The narrow STS interface the executor calls. The only implementation over @aws-sdk/client-sts is
// sdk-sts-client.ts, loaded lazily; tests may substitute any object of this shape.
import type { Credentials } from "./credentials.js";

export interface AssumeRoleRequest {
  RoleArn: string;
  RoleSessionName: string;
  ExternalId?: string;
  SerialNumber?: string;
  TokenCode?: string;
  DurationSeconds?: number;
  Policy?: string;
  PolicyArns?: { arn?: string }[];
  Tags?: { Key: string | undefined; Value: string | undefined }[];
  TransitiveTagKeys?: string[];
  SourceIdentity?: string;
}

export interface WebIdentityRequest {
  RoleArn: string;
  RoleSessionName: string;
  WebIdentityToken: string;
  DurationSeconds?: number;
}

export interface SessionTokenRequest {
  SerialNumber: string;
  TokenCode: string;
  DurationSeconds: number;
}

/**
 * One STS session: what a successful AssumeRole / AssumeRoleWithWebIdentity returned. It is the unit the
 * session caches store, and it maps one-to-one onto an AWS CLI cache file.
 */
export interface StsSession {
  credentials: Credentials & { expiration: Date };
  assumedRoleUser?: { Arn: string; AssumedRoleId: string };
  requestId?: string;
  /** Other response members the CLI keeps in its cache files (PackedPolicySize, SourceIdentity, Provider, ...). */
  extra?: Record<string, unknown>;
}

export interface StsClient {
  assumeRole(request: AssumeRoleRequest, sourceCredentials: Credentials): Promise<StsSession>;
  assumeRoleWithWebIdentity(request: WebIdentityRequest): Promise<StsSession>;
  /** GetSessionToken with MFA, signed with long-term keys (MFA sessions). Optional for substitutes that never need it. */
  getSessionToken?(request: SessionTokenRequest, longTermCredentials: Credentials): Promise<StsSession>;
}
