// Oversight's words for a refused reminder, by code (the server's `message` is an English
// line for developers). Simplified Chinese first; `en` must have every key of `zh`. Spread
// last into app/messages.ts (see features/rounds/messages.ts).

export const zh = {
  'oversight.err.NOT_FOUND': '该帮扶配对已不存在，或不在您的范围内',
};

export const en: Record<keyof typeof zh, string> = {
  'oversight.err.NOT_FOUND': 'the pairing no longer exists, or is outside your area',
};
