// 缺口分析: each gap a list; choosing a row selects its node and highlights what it names.
import { useState } from 'react';
import { useI18n } from '../../app/i18n';
import type { NetworkGapsQuery } from '../../graphql/graphql';
import { CoverageMap } from './CoverageMap';
import type { NetNode } from './layout';

export type Gaps = NetworkGapsQuery['networkGaps'];
export type SinglePoint = Gaps['singlePointWorkers'][number];

type Tab = 'uncovered' | 'singlePoint' | 'idle' | 'unserved' | 'coverage' | 'review' | 'stale';
const TABS: Tab[] = ['uncovered', 'singlePoint', 'idle', 'unserved', 'coverage', 'review', 'stale'];
const SHOWN = 30;

export interface Focus {
  select: string | null;
  highlight: string[];
}

function Row({ text, testId, onPick, tone }: { text: string; testId: string; onPick: () => void; tone?: string }) {
  return (
    <li>
      <button type="button" className={`gap-row ${tone ?? ''}`} onClick={onPick} data-testid={testId}>
        {text}
      </button>
    </li>
  );
}

export function GapsPanel({
  gaps,
  idleDays,
  nodes,
  onFocus,
}: {
  gaps: Gaps;
  idleDays: number;
  nodes: ReadonlyMap<string, NetNode>;
  onFocus: (focus: Focus) => void;
}) {
  const { t, label, number } = useI18n();
  const [tab, setTab] = useState<Tab>('uncovered');
  const name = (id: string | null | undefined) => (id ? nodes.get(id)?.label : null) ?? t('network.panel.unnamed');
  const none = <p className="muted">{t('gaps.none')}</p>;

  let body;
  switch (tab) {
    case 'uncovered':
      body = gaps.uncoveredVillages.length ? (
        <ul className="gap-list">
          {gaps.uncoveredVillages.slice(0, SHOWN).map((v) => (
            <Row
              key={v.villageId}
              testId="gap-uncovered"
              tone={v.red ? 'tone-red' : v.orange ? 'tone-orange' : ''}
              text={t('gaps.uncovered.row', { village: v.villageName, uncovered: v.uncovered, households: v.households, red: v.red, orange: v.orange })}
              onPick={() => onFocus({ select: v.villageId, highlight: [v.villageId, ...v.urgentHouseholdIds] })}
            />
          ))}
        </ul>
      ) : (
        none
      );
      break;
    case 'singlePoint':
      body = gaps.singlePointWorkers.length ? (
        <ul className="gap-list">
          {gaps.singlePointWorkers.slice(0, SHOWN).map((w) => (
            <Row
              key={w.workerId}
              testId="gap-single-point"
              tone={w.colleaguesCanAbsorb ? '' : 'tone-red'}
              text={`${t('gaps.singlePoint.row', { worker: w.workerName ?? t('network.panel.unnamed'), count: w.householdIds.length, urgent: w.urgentHouseholdIds.length })} · ${t('gaps.singlePoint.colleagues', { colleagues: w.colleaguesInReach, room: w.colleaguesRoom, load: w.load })}`}
              onPick={() => onFocus({ select: w.workerId, highlight: [w.workerId, ...w.householdIds] })}
            />
          ))}
        </ul>
      ) : (
        none
      );
      break;
    case 'idle':
      body = (
        <>
          <p className="muted small">{t('gaps.idle.marketplace')}</p>
          <h3>{t('gaps.idle.organisations', { days: idleDays, count: gaps.idleOrganisations.totalCount })}</h3>
          <ul className="gap-list">
            {gaps.idleOrganisations.items.slice(0, SHOWN).map((o) => (
              <Row
                key={o.id}
                testId="gap-idle-organisation"
                text={[
                  o.name,
                  o.kind === 'CHARITY' ? t('gaps.idle.budget', { amount: number(o.budgetYuan) }) : t('gaps.idle.jobs', { count: o.jobsOffered }),
                  o.lastAdoptionOn ? t('gaps.idle.last', { date: o.lastAdoptionOn }) : t('gaps.idle.never'),
                ].join(' · ')}
                onPick={() => onFocus({ select: o.id, highlight: [o.id] })}
              />
            ))}
          </ul>
          <h3>{t('gaps.idle.volunteers', { count: gaps.idleVolunteers.totalCount })}</h3>
          <ul className="gap-list">
            {gaps.idleVolunteers.items.slice(0, SHOWN).map((x) => (
              <Row
                key={x.id}
                testId="gap-idle-volunteer"
                text={`${x.name ?? t('network.panel.unnamed')} · ${name(x.villageId)}`}
                onPick={() => onFocus({ select: x.id, highlight: [x.id] })}
              />
            ))}
          </ul>
        </>
      );
      break;
    case 'unserved':
      body = gaps.unservedNeedKinds.length ? (
        <ul className="gap-list">
          {gaps.unservedNeedKinds.map((u) => (
            <Row
              key={`${u.townshipId}:${u.kind}`}
              testId="gap-unserved"
              text={t('gaps.unserved.row', { township: u.townshipName, kind: label('NeedKind', u.kind), count: u.openNeeds, households: u.households })}
              onPick={() => onFocus({ select: u.townshipId, highlight: [u.townshipId] })}
            />
          ))}
        </ul>
      ) : (
        none
      );
      break;
    case 'coverage':
      body = <CoverageMap villages={gaps.villageCoverage} onPick={(id) => onFocus({ select: id, highlight: [] })} />;
      break;
    case 'review': {
      const r = gaps.eligibilityReview;
      body = (
        <>
          <p className="muted small">{t('gaps.review.line', { line: number(r.line) })}</p>
          <h3>{t('gaps.review.above', { count: r.coveredAboveLineCount })}</h3>
          <ul className="gap-list">
            {r.items
              .filter((i) => i.signal === 'COVERED_ABOVE_LINE')
              .slice(0, SHOWN)
              .map((i) => (
                <Row
                  key={i.householdId}
                  testId="gap-review-above"
                  text={t('gaps.review.row', { name: i.label ?? t('network.panel.unnamed'), village: i.villageName, tier: label('Tier', i.tier), income: number(i.monthlyIncomePerPerson) })}
                  onPick={() => onFocus({ select: i.householdId, highlight: [i.householdId] })}
                />
              ))}
          </ul>
          <h3>{t('gaps.review.below', { count: r.uncoveredBelowLineCount })}</h3>
          <ul className="gap-list">
            {r.items
              .filter((i) => i.signal === 'UNCOVERED_BELOW_LINE')
              .slice(0, SHOWN)
              .map((i) => (
                <Row
                  key={i.householdId}
                  testId="gap-review-below"
                  text={t('gaps.review.row', { name: i.label ?? t('network.panel.unnamed'), village: i.villageName, tier: label('Tier', i.tier), income: number(i.monthlyIncomePerPerson) })}
                  onPick={() => onFocus({ select: i.householdId, highlight: [i.householdId] })}
                />
              ))}
          </ul>
        </>
      );
      break;
    }
    case 'stale':
      body = (
        <>
          <h3>{t('gaps.stale.count', { count: gaps.staleLinks.totalCount, days: gaps.staleLinks.days })}</h3>
          <ul className="gap-list">
            {gaps.staleLinks.pairings.slice(0, SHOWN).map((p) => {
              const h = p.match.household?.id ?? null;
              const w = p.match.worker?.id ?? null;
              return (
                <Row
                  key={p.match.id}
                  testId="gap-stale"
                  text={t('gaps.stale.row', { household: name(h), worker: name(w), days: p.daysWithoutContact })}
                  onPick={() => onFocus({ select: h, highlight: [h, w].filter((x): x is string => x !== null) })}
                />
              );
            })}
          </ul>
        </>
      );
      break;
  }

  return (
    <section className="network-gaps card" data-testid="network-gaps">
      <header className="network-gaps-head">
        <h2>{t('gaps.title')}</h2>
        <button type="button" className="ghost small" onClick={() => onFocus({ select: null, highlight: [] })} data-testid="gaps-clear">
          {t('gaps.clear')}
        </button>
      </header>
      <div className="tabs" role="tablist">
        {TABS.map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            className={tab === key ? 'tab active' : 'tab'}
            onClick={() => setTab(key)}
            data-testid={`gaps-tab-${key}`}
          >
            {t(`gaps.tab.${key}`)}
          </button>
        ))}
      </div>
      <div className="gap-body">{body}</div>
    </section>
  );
}
