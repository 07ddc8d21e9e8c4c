// The words of case work's enums that the timeline also reads by key (referral.status.X,
// intake.channel.X; app/serverText.ts): one key per value of the generated enum, so a value
// the schema adds is a type error here until it has its words.
import type { MessageKey } from '../../app/messages';
import type { IntakeChannel, ReferralAnswer, ReferralStatus } from '../../graphql/graphql';

export const REFERRAL_STATUS: Record<ReferralStatus, MessageKey> = {
  SENT: 'referral.status.SENT',
  ACCEPTED: 'referral.status.ACCEPTED',
  REFUSED: 'referral.status.REFUSED',
  COMPLETED: 'referral.status.COMPLETED',
};

export const INTAKE_CHANNEL: Record<IntakeChannel, MessageKey> = {
  WALK_IN: 'intake.channel.WALK_IN',
  HOTLINE: 'intake.channel.HOTLINE',
};

/** What the button of each answer to a referral says. */
export const REFERRAL_ANSWER: Record<ReferralAnswer, MessageKey> = {
  ACCEPT: 'referral.accept',
  REFUSE: 'referral.refuse',
  FEEDBACK: 'referral.feedback',
};
