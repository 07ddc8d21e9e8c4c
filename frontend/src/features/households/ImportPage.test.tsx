import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { STATION_USER, VOLUNTEER_USER, fakeServer, renderApp, signedInAs } from '../../test/render';

const CSV = '户编号,村编码,救助分层\n示例-001,rg-v0001,低保\n';

function server(job: Record<string, unknown>) {
  return fakeServer({
    Me: () => ({ data: { me: STATION_USER } }),
    ImportHouseholds: () => ({
      data: {
        importHouseholds: {
          __typename: 'ImportHouseholdsSuccess',
          job: { id: 'import:1', status: 'QUEUED', progress: 0, message: '' },
        },
      },
    }),
    JobProgress: () => ({ data: { job } }),
  });
}

function chooseFile() {
  const file = new File([CSV], 'households.csv', { type: 'text/csv' });
  fireEvent.change(screen.getByTestId('import-file'), { target: { files: [file] } });
  return file;
}

describe('household import', () => {
  it('uploads the file as a GraphQL multipart request with the token, then shows the counts', async () => {
    signedInAs(STATION_USER, 'tok-123');
    const s = server({
      id: 'import:1',
      status: 'SUCCEEDED',
      progress: 1,
      message: '已导入 2 户 5 人',
      messageParams: [],
      error: null,
      result: { accepted: true, households: 2, people: 5, error_count: 0, errors: [], ignored_columns: ['备注'] },
    });
    renderApp('/households/import', s);
    expect((await screen.findByTestId('import-columns')).textContent).toContain('household_ref');
    expect(screen.getByTestId('import-columns').textContent).toContain('household_ref');
    expect(screen.getByTestId('import-columns').textContent).toContain('户编号');
    fireEvent.click(screen.getByTestId('import-submit'));
    expect(screen.getByTestId('import-error').textContent).toBe('请选择一个 CSV 文件。');
    const file = chooseFile();
    fireEvent.click(screen.getByTestId('import-submit'));
    const ok = await screen.findByTestId('import-success');
    expect(ok.textContent).toContain('已导入 2 户，5 人。');
    expect(ok.textContent).toContain('已忽略的列：备注');

    const call = s.calls.find((c) => c.operationName === 'ImportHouseholds')!;
    expect(call.authorization).toBe('Bearer tok-123');
    expect(call.variables).toEqual({ file: null });
    expect(call.map).toEqual({ 0: ['variables.file'] });
    expect(call.files?.['0'].name).toBe('households.csv');
    expect(call.files?.['0'].size).toBe(file.size);
  });

  it('lists every bad row when the file is refused', async () => {
    signedInAs(STATION_USER);
    const s = server({
      id: 'import:1',
      status: 'FAILED',
      progress: 1,
      message: '文件有 3 处错误',
      messageParams: [],
      error: 'the file has 3 errors; nothing was imported',
      result: {
        accepted: false,
        households: 0,
        people: 0,
        errorCount: 3,
        errors: [
          { line: 2, column: 'village_id', reason: "unknown village 'rg-x'", code: 'UNKNOWN_REGION' },
          { line: 3, column: 'member_id_number', reason: 'bad check digit', code: 'INVALID_ID_NUMBER' },
        ],
      },
    });
    renderApp('/households/import', s);
    await screen.findByTestId('import-file');
    chooseFile();
    fireEvent.click(screen.getByTestId('import-submit'));
    const failed = await screen.findByTestId('import-failed');
    expect(failed.textContent).toContain('文件有 3 处错误，未导入任何数据。');
    expect(failed.textContent).toContain('仅列出前 2 处错误。');
    const rows = within(screen.getByTestId('import-errors')).getAllByTestId('import-error-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('2');
    expect(rows[0].textContent).toContain('village_id');
    // The code is said in the page's language (it was shown raw: no codes on a page).
    expect(rows[1].textContent).toContain('身份证号码无效');
    expect(rows[1].textContent).not.toContain('INVALID_ID_NUMBER');
    expect(rows[0].textContent).toContain('村编码不存在，或不在您的辖区');
    fireEvent.click(screen.getByTestId('import-again'));
    await waitFor(() => expect(screen.queryByTestId('import-failed')).toBeNull());
  });

  it('is linked from the household list for a station manager, not for a charity', async () => {
    signedInAs(STATION_USER);
    const households = () => ({ data: { households: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } } });
    const regions = () => ({ data: { regions: [] } });
    const { unmount } = renderApp(
      '/households',
      fakeServer({ Me: () => ({ data: { me: STATION_USER } }), Households: households, Regions: regions }),
    );
    expect((await screen.findByTestId('import-link')).getAttribute('href')).toBe('/households/import');
    unmount();
    signedInAs(VOLUNTEER_USER);
    renderApp('/households', fakeServer({ Me: () => ({ data: { me: VOLUNTEER_USER } }), Households: households, Regions: regions }));
    await screen.findByTestId('households-empty');
    expect(screen.queryByTestId('import-link')).toBeNull();
  });
});
