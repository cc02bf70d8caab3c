// The catalog the admin routes drive: events, branches and accounts created once, changed field
// by field, read one at a time and listed in key order page after page.
import { databaseTargets, type TestDatabase } from '../testing/index.ts';
import { BranchUnavailableError, createAccount, findAccount, listAccounts, openAccounts, updateAccount } from './accounts.ts';
import { createBranch, findBranch, listBranches, updateBranch } from './branches.ts';
import { createEvent, findEvent, listEvents, updateEvent } from './events.ts';

describe.each(databaseTargets())('catalog on $name', (target) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await target.create();
  });
  afterAll(() => db.drop());

  test('an event is created once, changed field by field, and listed by code', async () => {
    const event = { code: 494, description: 'Transferência', active: true, allowDebit: true, allowCredit: true };
    expect(await createEvent(db.database, event)).toMatchObject(event);
    expect(await createEvent(db.database, { ...event, description: 'again' })).toBeNull();
    expect(await updateEvent(db.database, 494, { allowDebit: false })).toMatchObject({ ...event, allowDebit: false });
    expect(await updateEvent(db.database, 999, { active: false })).toBeNull();
    expect(await findEvent(db.database, 494)).toMatchObject({ description: 'Transferência', allowDebit: false });
    expect(await findEvent(db.database, 999)).toBeNull();
    await createEvent(db.database, { ...event, code: 100 });
    await createEvent(db.database, { ...event, code: 200 });
    expect((await listEvents(db.database, { limit: 2 })).map((e) => e.code)).toEqual([100, 200]);
    expect((await listEvents(db.database, { afterCode: 200 })).map((e) => e.code)).toEqual([494]);
  });

  test('a branch is registered once, renamed and closed, and listed by code', async () => {
    expect(await createBranch(db.database, { code: '0002', name: 'Centro', status: 'active' }))
      .toMatchObject({ code: '0002', name: 'Centro', status: 'active', createdAt: expect.any(Date) });
    expect(await createBranch(db.database, { code: '0002', name: 'again', status: 'closed' })).toBeNull();
    expect(await createBranch(db.database, { code: '0001', name: 'Sede', status: 'active' })).not.toBeNull();
    expect(await createBranch(db.database, { code: '0009', name: 'Fechada', status: 'active' })).not.toBeNull();
    expect(await updateBranch(db.database, '0009', { status: 'closed' })).toMatchObject({ name: 'Fechada', status: 'closed' });
    expect(await updateBranch(db.database, '0002', { name: 'Centro RJ' })).toMatchObject({ name: 'Centro RJ', status: 'active' });
    expect(await updateBranch(db.database, '7777', { status: 'closed' })).toBeNull();
    expect(await findBranch(db.database, '7777')).toBeNull();
    expect((await listBranches(db.database, { limit: 2 })).map((b) => b.code)).toEqual(['0001', '0002']);
    expect((await listBranches(db.database, { after: '0002' })).map((b) => b.code)).toEqual(['0009']);
    const account = { account: 'A', status: 'active' as const, holderName: null };
    await expect(createAccount(db.database, { ...account, branch: '0009' })).rejects.toBeInstanceOf(BranchUnavailableError);
    await expect(createAccount(db.database, { ...account, branch: '7777' })).rejects.toBeInstanceOf(BranchUnavailableError);
  });

  test('an account is registered once; status and holder change independently', async () => {
    const account = { branch: '0001', account: 'VIRT', status: 'active' as const, holderName: 'Loja' };
    expect(await createAccount(db.database, account)).toMatchObject(account);
    expect(await createAccount(db.database, { ...account, holderName: 'other' })).toBeNull();
    expect(await updateAccount(db.database, '0001', 'VIRT', { status: 'blocked' })).toMatchObject({ status: 'blocked', holderName: 'Loja' });
    expect(await updateAccount(db.database, '0001', 'VIRT', { holderName: null })).toMatchObject({ status: 'blocked', holderName: null });
    expect(await updateAccount(db.database, '0001', 'NONE', { status: 'closed' })).toBeNull();
    expect(await findAccount(db.database, '0001', 'NONE')).toBeNull();
  });

  test('accounts open in bulk without touching existing ones, and list by branch and key', async () => {
    await openAccounts(db.database, ['0001', '0002', '0001'], ['A1', 'B1', 'VIRT']);
    expect(await findAccount(db.database, '0001', 'VIRT')).toMatchObject({ status: 'blocked' });
    const all = await listAccounts(db.database);
    expect(all.map((a) => `${a.branch}/${a.account}`)).toEqual(['0001/A1', '0001/VIRT', '0002/B1']);
    const page = await listAccounts(db.database, { limit: 1, after: { branch: '0001', account: 'A1' } });
    expect(page.map((a) => a.account)).toEqual(['VIRT']);
    expect((await listAccounts(db.database, { branch: '0002' })).map((a) => a.account)).toEqual(['B1']);
  });
});
