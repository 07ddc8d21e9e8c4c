import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User } from '../../app/roles';
import { fakeServer, renderApp, signedInAs } from '../../test/render';

const ENTERPRISE_USER: User = { id: 'u-enterprise', username: 'enterprise', role: 'ENTERPRISE', displayName: '县农产品公司' };

const posting = {
  id: 'jp-1',
  enterpriseName: '县农产品公司',
  kind: 'JOB',
  title: '分拣包装工',
  placeName: '东村',
  hours: '8:00-17:00',
  pay: 3200,
  requirements: '',
  count: 2,
  status: 'OPEN',
  proposals: 1,
  filled: 0,
  version: 2,
};

const proposal = {
  id: 'jx-1',
  status: 'CONSENTED',
  ageBand: '30-39',
  sex: 'F',
  villageName: '东村',
  distanceKm: 3.2,
  priority: 3,
  reasons: ['CAUSE_UNEMPLOYMENT', 'WORKING_AGE'],
  personName: null,
  householdId: null,
  version: 2,
};

function server(fields: string[]) {
  return fakeServer({
    Me: () => ({ data: { me: ENTERPRISE_USER } }),
    JobPostings: () => ({ data: { jobPostings: [posting] } }),
    JobProposals: () => ({ data: { jobProposals: [proposal] } }),
    RevealCandidateContact: () => ({
      data: {
        revealCandidateContact: {
          __typename: 'RevealCandidateContactSuccess',
          contact: {
            fields,
            contactName: fields.includes('CONTACT_NAME') ? '王芳' : null,
            contactPhone: fields.includes('CONTACT_PHONE') ? '13800138000' : null,
            consentExpiresOn: fields.length ? '2027-03-01' : null,
          },
        },
      },
    }),
  });
}

async function openContact(fields: string[]) {
  signedInAs(ENTERPRISE_USER);
  const s = server(fields);
  renderApp('/jobs', s);
  fireEvent.click(await screen.findByTestId('job-show-proposals', {}, { timeout: 5000 }));
  fireEvent.click(await screen.findByTestId('candidate-contact-show'));
  return s;
}

describe('a consented candidate’s contact for the enterprise', () => {
  it('shows the name and phone the household agreed to share', async () => {
    const s = await openContact(['CONTACT_NAME', 'CONTACT_PHONE']);
    const line = await screen.findByTestId('candidate-contact');
    expect(line.textContent).toContain('王芳');
    expect(line.textContent).toContain('13800138000');
    expect(s.calls.find((c) => c.operationName === 'RevealCandidateContact')?.variables).toEqual({ id: 'jx-1' });
  });

  it('says so in words when nothing is shared (withdrawn or lapsed)', async () => {
    await openContact([]);
    await waitFor(() => expect(screen.getByTestId('candidate-contact-none')).toBeTruthy());
    expect(screen.queryByTestId('candidate-contact')).toBeNull();
  });
});
