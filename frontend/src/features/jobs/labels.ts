// The words of the jobs' enums that the timeline also reads by key (jobs.kind.X,
// jobs.pstatus.X; app/serverText.ts): one key per value of the generated enum, so a value the
// schema adds is a type error here until it has its words.
import type { MessageKey } from '../../app/messages';
import type { PostingKind, ProposalStatus } from '../../graphql/graphql';

export const POSTING_KIND: Record<PostingKind, MessageKey> = {
  JOB: 'jobs.kind.JOB',
  TRAINING: 'jobs.kind.TRAINING',
};

export const PROPOSAL_STATUS: Record<ProposalStatus, MessageKey> = {
  PROPOSED: 'jobs.pstatus.PROPOSED',
  CONSENTED: 'jobs.pstatus.CONSENTED',
  HIRED: 'jobs.pstatus.HIRED',
  LEFT: 'jobs.pstatus.LEFT',
  DECLINED: 'jobs.pstatus.DECLINED',
  WITHDRAWN: 'jobs.pstatus.WITHDRAWN',
};
