// The console's two languages, pt-BR (the default) and English, and how it writes amounts and
// dates. Amounts come from the API as exact decimal strings and are formatted from the string
// (never through a float): `R$ 1.234,56` in pt-BR, `R$ 1,234.56` in English. Calendar dates
// (`dateRef`) are days, shown as they are; instants are shown in the business time zone.
import { reasonTexts } from './reasons.js';

const texts = {
  'pt-BR': {
    skip: 'Ir para o conteúdo', language: 'Idioma', signOut: 'Sair', title: 'Console do Flow',
    'view.account': 'Conta', 'view.branch': 'Agência', 'view.feed': 'Ao vivo', 'view.operations': 'Operações',
    'signIn.title': 'Entrar', 'signIn.intro': 'Cole um token de acesso (bearer) emitido pelo seu provedor de identidade. Com `npm start`, use o link do console impresso no terminal.',
    'signIn.token': 'Token de acesso', 'signIn.submit': 'Entrar', 'signIn.oidc': 'Entrar com {issuer}', 'signIn.oidcOff': 'Entrar pelo provedor de identidade (OIDC) não está configurado neste servidor (FLOW_CONSOLE_OIDC_ISSUER).',
    'signIn.expired': 'O token expirou. Entre de novo.',
    branch: 'Agência', account: 'Conta', from: 'De', to: 'Até', show: 'Mostrar', date: 'Data',
    'account.title': 'Fluxo de caixa da conta {branch}/{account}', 'account.chart': 'Fluxo de caixa diário',
    'account.chartDescription': 'Créditos e débitos por dia em barras, saldo de fechamento em linha, de {from} a {to}.',
    credits: 'Créditos', debits: 'Débitos', closingBalance: 'Saldo de fechamento', openingBalance: 'Saldo inicial',
    'account.days': 'Valores diários', entries: 'Lançamentos',
    revised: 'Revisado após o fechamento', 'revised.note': 'Dias marcados com ◯ mudaram depois de fechados: um lançamento retroativo nesse dia ou num anterior alterou o saldo.',
    statement: 'Extrato', 'statement.caption': 'Extrato de {from} a {to}, página {page}', description: 'Histórico',
    eventCode: 'Evento', debit: 'Débito', credit: 'Crédito', balance: 'Saldo', traceKey: 'Chave de rastreio',
    'statement.empty': 'Nenhum lançamento no período.', pageSize: 'Linhas por página',
    previous: 'Página anterior', next: 'Próxima página', export: 'Exportar', 'export.csv': 'CSV', 'export.ofx': 'OFX', 'export.cnab240': 'CNAB 240',
    'export.done': 'Arquivo {name} baixado.', loading: 'Carregando…',
    'branch.title': 'Consolidado diário', 'branch.report': 'Consolidado de {date}', accountsWithMovement: 'Contas com movimento',
    transactionCount: 'Lançamentos', totalDebit: 'Total de débitos', totalCredit: 'Total de créditos', allBranches: 'todas as suas agências',
    'branch.empty': 'Nenhum movimento nesta data.', search: 'Buscar lançamento', 'search.label': 'Id ou chave de rastreio (UUID)',
    'search.submit': 'Buscar', 'search.none': 'Nada encontrado para {term}.', 'search.invalid': 'Informe um UUID (id do lançamento ou chave de rastreio).',
    status: 'Situação', reason: 'Motivo', 'status.posted': 'lançado', 'status.rejected': 'rejeitado', amount: 'Valor', side: 'D/C', when: 'Quando',
    'feed.title': 'Resultados ao vivo', 'feed.intro': 'Lançamentos à medida que são lançados ou rejeitados, nas suas agências.',
    pause: 'Pausar', resume: 'Continuar', 'feed.paused': 'Pausado: {count} novos resultados aguardando.',
    'feed.open': 'Conectado.', 'feed.reconnecting': 'Reconectando…', 'feed.waiting': 'Aguardando novos resultados…', replay: 'repetição',
    'ops.title': 'Operações', 'ops.adminOnly': 'Esta visão exige um token com o escopo flow:admin.',
    'ops.outbox': 'Fila de saída (outbox) não publicada', 'ops.oldestUnsent': 'Mais antiga não publicada', 'ops.lastBatch': 'Último lote gravado',
    'ops.queues': 'Filas e DLQ', 'ops.queue': '{queue}: {messages} mensagens (a mais antiga há {age} s)', 'ops.reconciliation': 'Última conciliação',
    'ops.reconciliation.run': '{at} — {status}, {differences} diferenças', 'ops.reconciliation.clean': 'limpa', 'ops.reconciliation.differences': 'com diferenças', 'ops.reconciliation.failed': 'falhou', 'ops.reconciliation.none': 'nenhuma execução registrada (npx flow reconcile)', 'ops.worker': 'Saúde do worker', 'ops.worker.ok': 'pronto', 'ops.worker.unavailable': 'indisponível', 'ops.worker.unreachable': 'sem resposta', 'ops.unknown': 'ainda não disponível pela API',
    'ops.observedAt': 'Lido em {at}', refresh: 'Atualizar', none: 'nenhuma',
    'error.branch_forbidden': 'Seu token não dá acesso a esta agência.', 'error.not_found': 'Não encontrado.',
    'error.account_not_found': 'Conta não cadastrada.', 'error.unauthorized': 'Token inválido ou expirado. Entre de novo.',
    'error.forbidden': 'Seu token não tem permissão para isto.', 'error.query_invalid': 'Algum filtro está inválido.',
    'error.rate_limited': 'Muitas requisições; tente em instantes.', 'error.network_error': 'Sem conexão com a API.',
    'error.other': 'A API respondeu com erro ({code}).',
    'error.oidc_discovery_failed': 'O provedor de identidade não respondeu como esperado (descoberta OIDC).',
    'error.oidc_refused': 'O provedor de identidade recusou a entrada.', 'error.oidc_state_mismatch': 'A resposta do provedor de identidade não corresponde a esta aba; entre de novo.',
    'error.oidc_token_refused': 'O provedor de identidade não entregou o token de acesso.',
  },
  en: {
    skip: 'Skip to content', language: 'Language', signOut: 'Sign out', title: 'Flow console',
    'view.account': 'Account', 'view.branch': 'Branch', 'view.feed': 'Live', 'view.operations': 'Operations',
    'signIn.title': 'Sign in', 'signIn.intro': 'Paste a bearer access token issued by your identity provider. Under `npm start`, open the console link printed in the terminal.',
    'signIn.token': 'Access token', 'signIn.submit': 'Sign in', 'signIn.oidc': 'Sign in with {issuer}', 'signIn.oidcOff': 'Signing in with the identity provider (OIDC) is not configured on this server (FLOW_CONSOLE_OIDC_ISSUER).',
    'signIn.expired': 'The token has expired. Sign in again.',
    branch: 'Branch', account: 'Account', from: 'From', to: 'To', show: 'Show', date: 'Date',
    'account.title': 'Cash flow of account {branch}/{account}', 'account.chart': 'Daily cash flow',
    'account.chartDescription': 'Credits and debits per day as bars, the closing balance as a line, from {from} to {to}.',
    credits: 'Credits', debits: 'Debits', closingBalance: 'Closing balance', openingBalance: 'Opening balance',
    'account.days': 'Daily figures', entries: 'Entries',
    revised: 'Revised after it closed', 'revised.note': 'Days marked ◯ changed after they closed: a backdated entry on that day or an earlier one moved the balance.',
    statement: 'Statement', 'statement.caption': 'Statement from {from} to {to}, page {page}', description: 'Description',
    eventCode: 'Event', debit: 'Debit', credit: 'Credit', balance: 'Balance', traceKey: 'Trace key',
    'statement.empty': 'No entries in the range.', pageSize: 'Lines per page',
    previous: 'Previous page', next: 'Next page', export: 'Export', 'export.csv': 'CSV', 'export.ofx': 'OFX', 'export.cnab240': 'CNAB 240',
    'export.done': 'Downloaded {name}.', loading: 'Loading…',
    'branch.title': 'Consolidated day', 'branch.report': 'Consolidated day of {date}', accountsWithMovement: 'Accounts with movement',
    transactionCount: 'Entries', totalDebit: 'Total debits', totalCredit: 'Total credits', allBranches: 'all your branches',
    'branch.empty': 'No movement on this date.', search: 'Find a posting', 'search.label': 'Id or trace key (UUID)',
    'search.submit': 'Search', 'search.none': 'Nothing found for {term}.', 'search.invalid': 'Enter a UUID (a posting id or a trace key).',
    status: 'Status', reason: 'Reason', 'status.posted': 'posted', 'status.rejected': 'rejected', amount: 'Amount', side: 'D/C', when: 'When',
    'feed.title': 'Live outcomes', 'feed.intro': 'Postings as they are posted or rejected, on your branches.',
    pause: 'Pause', resume: 'Resume', 'feed.paused': 'Paused: {count} new outcomes waiting.',
    'feed.open': 'Connected.', 'feed.reconnecting': 'Reconnecting…', 'feed.waiting': 'Waiting for new outcomes…', replay: 'replay',
    'ops.title': 'Operations', 'ops.adminOnly': 'This view needs a token with the flow:admin scope.',
    'ops.outbox': 'Unpublished outbox rows', 'ops.oldestUnsent': 'Oldest unpublished', 'ops.lastBatch': 'Last batch written',
    'ops.queues': 'Queues and DLQ', 'ops.queue': '{queue}: {messages} messages (oldest {age} s)', 'ops.reconciliation': 'Last reconciliation',
    'ops.reconciliation.run': '{at} — {status}, {differences} differences', 'ops.reconciliation.clean': 'clean', 'ops.reconciliation.differences': 'differences found', 'ops.reconciliation.failed': 'failed', 'ops.reconciliation.none': 'no run recorded yet (npx flow reconcile)', 'ops.worker': 'Worker health', 'ops.worker.ok': 'ready', 'ops.worker.unavailable': 'unavailable', 'ops.worker.unreachable': 'not answering', 'ops.unknown': 'not available from the API yet',
    'ops.observedAt': 'Read at {at}', refresh: 'Refresh', none: 'none',
    'error.branch_forbidden': 'Your token gives no access to this branch.', 'error.not_found': 'Not found.',
    'error.account_not_found': 'Account not registered.', 'error.unauthorized': 'Invalid or expired token. Sign in again.',
    'error.forbidden': 'Your token lacks the permission for this.', 'error.query_invalid': 'A filter is invalid.',
    'error.rate_limited': 'Too many requests; try again shortly.', 'error.network_error': 'No connection to the API.',
    'error.other': 'The API answered with an error ({code}).',
    'error.oidc_discovery_failed': 'The identity provider did not answer as expected (OIDC discovery).',
    'error.oidc_refused': 'The identity provider refused the sign-in.', 'error.oidc_state_mismatch': 'The identity provider\'s answer does not match this tab; sign in again.',
    'error.oidc_token_refused': 'The identity provider did not hand over the access token.',
  },
};

export const languages = Object.keys(texts);
const languageKey = 'flow.console.language';
let language = pickLanguage();
let businessTimeZone = 'America/Sao_Paulo';

function pickLanguage() {
  const saved = localStorage.getItem(languageKey);
  if (saved !== null && saved in texts) return saved;
  return (navigator.language ?? '').toLowerCase().startsWith('en') ? 'en' : 'pt-BR';
}

export function currentLanguage() {
  return language;
}

export function setLanguage(next) {
  if (!(next in texts)) return;
  language = next;
  localStorage.setItem(languageKey, next);
  document.documentElement.lang = next;
}

export function setBusinessTimeZone(zone) {
  businessTimeZone = zone;
}

export function t(key, parameters = {}) {
  const text = texts[language][key] ?? texts.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(parameters[name] ?? ''));
}

/** Why a posting was rejected, in the user's words, with the code beside it; '' for none. */
export function reasonText(code) {
  if (code === null || code === undefined) return '';
  const text = reasonTexts[language][code] ?? reasonTexts.en[code];
  return text === undefined ? code : `${text} (${code})`;
}

/** The user's words for an API error, by its code. */
export function problemText(code) {
  const key = `error.${code}`;
  return key in texts[language] ? t(key) : t('error.other', { code });
}

/** An exact decimal string ("-1234.5", "12.00") as reais: `R$ 1.234,50`, `-R$ 2,00`. */
export function money(decimal) {
  if (decimal === null || decimal === undefined) return '';
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(decimal));
  if (match === null) return String(decimal);
  const [, sign, whole, fraction = ''] = match;
  const [group, point] = language === 'pt-BR' ? ['.', ','] : [',', '.'];
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const negative = sign === '-' && /[1-9]/.test(whole + fraction);
  return `${negative ? '-' : ''}R$ ${grouped}${point}${fraction.padEnd(2, '0')}`;
}

/** A calendar day (`2026-11-24`) as `24/11/2026` in pt-BR, `Nov 24, 2026` in English. */
export function day(dateRef) {
  const [year, month, dayOfMonth] = dateRef.split('-').map(Number);
  const format = new Intl.DateTimeFormat(language, { timeZone: 'UTC', ...(language === 'pt-BR' ? { dateStyle: 'short' } : { dateStyle: 'medium' }) });
  return format.format(new Date(Date.UTC(year, month - 1, dayOfMonth)));
}

/** A short day for chart axes: `24/11` or `Nov 24`. */
export function shortDay(dateRef) {
  const [year, month, dayOfMonth] = dateRef.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { timeZone: 'UTC', day: '2-digit', month: language === 'pt-BR' ? '2-digit' : 'short' })
    .format(new Date(Date.UTC(year, month - 1, dayOfMonth)));
}

/** An instant in the business time zone, with the zone's name. */
export function instant(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language, { timeZone: businessTimeZone, dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
}

/** Today's date in the business time zone (`YYYY-MM-DD`), the default end of every range. */
export function businessToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: businessTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function addDays(dateRef, days) {
  const [year, month, dayOfMonth] = dateRef.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, dayOfMonth + days)).toISOString().slice(0, 10);
}
