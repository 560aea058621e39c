import { randomBytes } from 'node:crypto';
import { jsonReply } from './fake-reply';

// Graph API error answers as Meta shapes them: {"error":{message,type,code,error_data,error_subcode?,fbtrace_id}}.

type ErrorInfo = { httpStatus: number; message: string; title: string; type?: string };

export const FAKE_ERRORS: Record<number, ErrorInfo> = {
  0: { httpStatus: 401, message: 'AuthException', title: 'AuthException', type: 'OAuthException' },
  1: { httpStatus: 500, message: 'An unknown error has occurred.', title: 'API Unknown' },
  2: { httpStatus: 503, message: 'Service temporarily unavailable', title: 'API Service' },
  4: { httpStatus: 400, message: '(#4) Application request limit reached', title: 'API Too Many Calls' },
  100: { httpStatus: 400, message: 'Invalid parameter', title: 'Invalid parameter' },
  190: { httpStatus: 401, message: 'Invalid OAuth access token - Cannot parse access token', title: 'Access token has expired', type: 'OAuthException' },
  368: { httpStatus: 400, message: 'Temporarily blocked for policies violations', title: 'Temporarily blocked' },
  80007: { httpStatus: 400, message: 'Rate limit issues', title: 'Rate limit issues' },
  130429: { httpStatus: 429, message: '(#130429) Rate limit hit', title: 'Rate limit hit' },
  131000: { httpStatus: 500, message: 'Something went wrong', title: 'Something went wrong' },
  131016: { httpStatus: 503, message: 'Service unavailable', title: 'Service unavailable' },
  131026: { httpStatus: 400, message: 'Message undeliverable', title: 'Message undeliverable' },
  131031: { httpStatus: 400, message: 'Business Account locked', title: 'Account locked' },
  131047: { httpStatus: 400, message: 'Re-engagement message', title: 'Re-engagement message' },
  131048: { httpStatus: 400, message: 'Spam rate limit hit', title: 'Spam rate limit hit' },
  131049: { httpStatus: 400, message: 'This message was not delivered to maintain healthy ecosystem engagement.', title: 'Meta chose not to deliver' },
  131050: { httpStatus: 400, message: 'User has stopped marketing messages', title: 'Unable to deliver message' },
  131056: { httpStatus: 400, message: '(Business Account, Consumer Account) pair rate limit hit', title: 'Pair rate limit hit' },
  131057: { httpStatus: 503, message: 'Account in maintenance mode', title: 'Account in maintenance mode' },
  132000: { httpStatus: 400, message: 'Number of parameters does not match the expected number of params', title: 'Template Param Count Mismatch' },
  132001: { httpStatus: 404, message: 'Template name does not exist in the translation', title: 'Template does not exist' },
  132018: { httpStatus: 400, message: 'There was an issue with the parameters in your template.', title: 'Template Parameter Format Mismatch' },
  133004: { httpStatus: 503, message: 'Server temporarily unavailable', title: 'Server temporarily unavailable' },
  133010: { httpStatus: 400, message: 'Phone number not registered', title: 'Phone number not registered' },
};

export function fakeErrorInfo(code: number): ErrorInfo {
  return FAKE_ERRORS[code] ?? { httpStatus: 400, message: `(#${code}) Error`, title: `Error ${code}` };
}

export function fakeErrorBody(code: number, opts: { details?: string; subcode?: number; message?: string } = {}) {
  const info = fakeErrorInfo(code);
  return {
    error: {
      message: opts.message ?? info.message,
      type: info.type ?? 'OAuthException',
      code,
      error_data: { messaging_product: 'whatsapp', details: opts.details ?? info.title },
      ...(opts.subcode === undefined ? {} : { error_subcode: opts.subcode }),
      fbtrace_id: randomBytes(9).toString('base64url'),
    },
  };
}

export function fakeErrorReply(code: number, opts: { details?: string; subcode?: number; httpStatus?: number; message?: string } = {}) {
  return jsonReply(fakeErrorBody(code, opts), opts.httpStatus ?? fakeErrorInfo(code).httpStatus);
}
