import { and, assign, setup } from 'xstate';
import { ratingReopens } from '@huiyin/domain';
import { mayActOnIssue } from './permissions.ts';
import { unmetIssueCondition } from './preconditions.ts';
import type { ClockDeclaration } from './clocks.ts';
import type { EventOf, IssueContext, IssueEvent, IssueInput } from './types.ts';

type Meta = { clocks: ClockDeclaration };

/** Every transition is guarded by role/relation and by the event's preconditions. */
const allowed = ({ context, event }: { context: IssueContext; event: IssueEvent }) => mayActOnIssue(event.type, event.actor, context) && unmetIssueCondition(event, context) === null;

const on = <T extends IssueEvent['type']>(e: IssueEvent, _type: T) => e as EventOf<T>;

/**
 * The issue's lifecycle (docs/domain.md#lifecycle): submitted → listed → awaiting claim → in progress → resolved
 * → closed, with returns, reopening, withdrawal and duplicates. Pure: no delays, no effects. The
 * store computes due times and passes them in events; the machine records them.
 */
export const issueMachine = setup({
  types: {} as { context: IssueContext; events: IssueEvent; input: IssueInput; meta: Meta },
  guards: {
    allowed,
    reopens: ({ event }) => event.type === 'rate' && ratingReopens(event.satisfaction),
    negativeAnswer: ({ context }) => context.answer?.outcome === 'negative',
    invitedAgain: ({ context }) => context.ratingInvitations >= 1,
    upheld: ({ event }) => event.type === 'ruleReturn' && event.upheld,
    approved: ({ event }) => (event.type === 'reviewAnswer' || event.type === 'signOff') && event.approve,
  },
  actions: {
    setFourElements: assign(({ event }) => {
      const e = on(event, 'list');
      return {
        leaderId: e.leaderId,
        leadUnitId: e.leadUnitId,
        assists: e.assists,
        greenChannel: e.greenChannel,
        pendingDocuments: e.pendingDocuments,
      };
    }),
    setDispatchClocks: assign(({ context, event }) => {
      const e = on(event, 'dispatch');
      const due = new Map((e.assists ?? []).map((t) => [t.unitId, t.dueAt]));
      return { claimDueAt: e.claimDueAt, handlingDueAt: e.handlingDueAt, assists: context.assists.map((t) => ({ ...t, dueAt: due.get(t.unitId) ?? t.dueAt })) };
    }),
    setDuplicate: assign(({ event }) => ({ duplicateOf: on(event, 'markDuplicate').duplicateOf })),
    setClaimed: assign(({ event }) => ({
      claimedBy: event.actor.kind === 'official' ? event.actor.officialId : null,
      claimedAt: event.at,
    })),
    countReturn: assign(({ context }) => ({
      returnCount: context.returnCount + 1,
      returningUnitId: context.leadUnitId,
    })),
    redispatch: assign(({ event }) => {
      const e = on(event, 'ruleReturn');
      return {
        leadUnitId: e.leadUnitId ?? null,
        claimDueAt: e.claimDueAt ?? null,
        handlingDueAt: e.handlingDueAt ?? null,
        returningUnitId: null,
        claimedBy: null,
        claimedAt: null,
      };
    }),
    denyReturn: assign(({ context }) => ({
      returnDeniedUnitIds: [...context.returnDeniedUnitIds, context.returningUnitId ?? ''],
      returningUnitId: null,
    })),
    setFirstContact: assign(({ event }) => ({ firstContactAt: event.at })),
    resumeClock: assign(({ event }) => ({
      handlingDueAt: event.type === 'supplyInfo' || event.type === 'resumeHandling' ? event.handlingDueAt : null,
    })),
    countInformation: assign(({ context }) => ({ informationAdded: context.informationAdded + 1 })),
    countInterimReply: assign(({ context }) => ({ interimReplies: context.interimReplies + 1 })),
    countMilestone: assign(({ context }) => ({ milestonesReported: context.milestonesReported + 1 })),
    supplyDocument: assign(({ event }) => ({ pendingDocuments: on(event, 'supplyDocument').remaining })),
    requestExtension: assign({ pendingExtension: true }),
    approveExtension: assign(({ context, event }) => ({
      pendingExtension: false,
      extensionCount: context.extensionCount + 1,
      handlingDueAt: on(event, 'approveExtension').handlingDueAt,
    })),
    denyExtension: assign({ pendingExtension: false }),
    answerAssist: assign(({ context, event }) => {
      const unitId = event.actor.kind === 'official' ? event.actor.unitId : null;
      return { assists: context.assists.map((t) => (t.unitId === unitId ? { ...t, answered: true } : t)) };
    }),
    draftAnswer: assign(({ event }) => ({
      answer: { outcome: on(event, 'resolve').outcome, reviewed: false, signedOff: false },
    })),
    markReviewed: assign(({ context }) => ({
      answer: context.answer && { ...context.answer, reviewed: true },
    })),
    markSignedOff: assign(({ context }) => ({
      answer: context.answer && { ...context.answer, signedOff: true },
    })),
    discardAnswer: assign({ answer: null }),
    deliverAnswer: assign(({ context, event }) => ({
      answersDelivered: context.answersDelivered + 1,
      ratingDueAt: event.type === 'signOff' || event.type === 'reviewAnswer' ? event.ratingDueAt : null,
      ratingInvitations: 0,
    })),
    reopen: assign(({ context, event }) => {
      const e = on(event, 'rate');
      return {
        reopenCount: context.reopenCount + 1,
        answer: null,
        claimedBy: null,
        claimedAt: null,
        firstContactAt: null,
        ratingDueAt: null,
        claimDueAt: e.claimDueAt,
        handlingDueAt: e.handlingDueAt,
      };
    }),
    inviteAgain: assign(({ context, event }) => ({
      ratingInvitations: context.ratingInvitations + 1,
      ratingDueAt: on(event, 'ratingTimeout').ratingDueAt,
    })),
    recomputeDue: assign(({ context, event }) => {
      const e = on(event, 'recomputeDue');
      const assistDue = new Map((e.assists ?? []).map((t) => [t.unitId, t.dueAt]));
      return {
        listingDueAt: e.listingDueAt ?? context.listingDueAt ?? null,
        claimDueAt: e.claimDueAt ?? context.claimDueAt,
        handlingDueAt: e.handlingDueAt ?? context.handlingDueAt,
        assists: context.assists.map((t) => ({ ...t, dueAt: assistDue.get(t.unitId) ?? t.dueAt })),
        ratingDueAt: e.ratingDueAt ?? context.ratingDueAt,
      };
    }),
    closeRated: assign({ closedAs: 'rated' as const }),
    closeOnTimeout: assign({ closedAs: 'rating_timeout' as const }),
    closeStruckOff: assign({ closedAs: 'struck_off' as const }),
  },
}).createMachine({
  id: 'issue',
  initial: 'submitted',
  context: ({ input }) => ({
    issueId: input.issueId,
    enterpriseId: input.enterpriseId,
    firstResponderId: input.firstResponderId,
    greenChannel: input.greenChannel,
    leaderId: null,
    leadUnitId: null,
    assists: [],
    listingDueAt: input.listingDueAt ?? null,
    claimDueAt: null,
    handlingDueAt: null,
    ratingDueAt: null,
    claimedBy: null,
    claimedAt: null,
    firstContactAt: null,
    returnCount: 0,
    returnDeniedUnitIds: [],
    returningUnitId: null,
    pendingExtension: false,
    extensionCount: 0,
    milestonesReported: 0,
    interimReplies: 0,
    informationAdded: 0,
    answer: null,
    answersDelivered: 0,
    ratingInvitations: 0,
    reopenCount: 0,
    pendingDocuments: input.pendingDocuments ?? 0,
    duplicateOf: null,
    closedAs: null,
  }),
  states: {
    submitted: {
      // The service centre's clock runs from filing until dispatch.
      meta: { clocks: { listing: 'running' } },
      on: {
        list: { guard: 'allowed', target: 'listed', actions: 'setFourElements' },
        recomputeDue: { guard: 'allowed', actions: 'recomputeDue' },
        markDuplicate: { guard: 'allowed', target: 'duplicate', actions: 'setDuplicate' },
        withdraw: { guard: 'allowed', target: 'withdrawn' },
        addInformation: { guard: 'allowed', actions: 'countInformation' },
        supplyDocument: { guard: 'allowed', actions: 'supplyDocument' },
      },
    },
    listed: {
      meta: { clocks: { listing: 'running' } },
      on: {
        list: { guard: 'allowed', target: 'listed', actions: 'setFourElements' },
        dispatch: { guard: 'allowed', target: 'awaitingClaim', actions: 'setDispatchClocks' },
        // Documents owed (容缺) run the supplement clock from the listing, before any dispatch.
        recomputeDue: { guard: 'allowed', actions: 'recomputeDue' },
        markDuplicate: { guard: 'allowed', target: 'duplicate', actions: 'setDuplicate' },
        withdraw: { guard: 'allowed', target: 'withdrawn' },
        addInformation: { guard: 'allowed', actions: 'countInformation' },
        supplyDocument: { guard: 'allowed', actions: 'supplyDocument' },
      },
    },
    awaitingClaim: {
      // The handling clock runs from dispatch: a late claim eats the unit's own time.
      meta: { clocks: { claim: 'running', handling: 'running' } },
      on: {
        recomputeDue: { guard: 'allowed', actions: 'recomputeDue' },
        claim: { guard: 'allowed', target: 'inProgress', actions: 'setClaimed' },
        return: { guard: 'allowed', target: 'returned', actions: 'countReturn' },
        withdraw: { guard: 'allowed', target: 'withdrawn' },
        addInformation: { guard: 'allowed', actions: 'countInformation' },
        supplyDocument: { guard: 'allowed', actions: 'supplyDocument' },
      },
    },
    returned: {
      // A return buys no time: if the ruling goes against the unit its clock has kept running.
      meta: { clocks: { handling: 'running' } },
      on: {
        recomputeDue: { guard: 'allowed', actions: 'recomputeDue' },
        ruleReturn: [
          { guard: and(['allowed', 'upheld']), target: 'awaitingClaim', actions: 'redispatch' },
          { guard: 'allowed', target: 'awaitingClaim', actions: 'denyReturn' },
        ],
        withdraw: { guard: 'allowed', target: 'withdrawn' },
        addInformation: { guard: 'allowed', actions: 'countInformation' },
        supplyDocument: { guard: 'allowed', actions: 'supplyDocument' },
      },
    },
    inProgress: {
      initial: 'working',
      on: {
        recomputeDue: { guard: 'allowed', actions: 'recomputeDue' },
        reportMilestone: { guard: 'allowed', actions: 'countMilestone' },
        interimReply: { guard: 'allowed', actions: 'countInterimReply' },
        requestExtension: { guard: 'allowed', actions: 'requestExtension' },
        approveExtension: { guard: 'allowed', actions: 'approveExtension' },
        denyExtension: { guard: 'allowed', actions: 'denyExtension' },
        answerAssist: { guard: 'allowed', actions: 'answerAssist' },
        supplyDocument: { guard: 'allowed', actions: 'supplyDocument' },
        withdraw: { guard: 'allowed', target: 'withdrawn' },
        addInformation: { guard: 'allowed', actions: 'countInformation' },
      },
      states: {
        working: {
          meta: { clocks: { handling: 'running' } },
          on: {
            recordFirstContact: { guard: 'allowed', actions: 'setFirstContact' },
            requestInfo: { guard: 'allowed', target: 'waitingOnEnterprise' },
            resolve: { guard: 'allowed', target: '#issue.answerReview', actions: 'draftAnswer' },
          },
        },
        waitingOnEnterprise: {
          // The clock pauses while the enterprise owes information (each pause has a reason).
          meta: { clocks: { handling: 'paused' } },
          on: {
            supplyInfo: { guard: 'allowed', target: 'working', actions: 'resumeClock' },
            resumeHandling: { guard: 'allowed', target: 'working', actions: 'resumeClock' },
          },
        },
      },
    },
    answerReview: {
      // The unit head reviews every final answer before the enterprise sees it.
      meta: { clocks: { handling: 'running' } },
      on: {
        recomputeDue: { guard: 'allowed', actions: 'recomputeDue' },
        reviewAnswer: [
          { guard: and(['allowed', 'approved', 'negativeAnswer']), target: 'answerSignOff', actions: 'markReviewed' },
          { guard: and(['allowed', 'approved']), target: 'resolved', actions: ['markReviewed', 'deliverAnswer'] },
          { guard: 'allowed', target: 'inProgress.working', actions: 'discardAnswer' },
        ],
        withdraw: { guard: 'allowed', target: 'withdrawn' },
        addInformation: { guard: 'allowed', actions: 'countInformation' },
      },
    },
    answerSignOff: {
      // 不说"不能办"，只说"怎么办": a negative answer also needs the leader's sign-off.
      meta: { clocks: { handling: 'running' } },
      on: {
        recomputeDue: { guard: 'allowed', actions: 'recomputeDue' },
        signOff: [
          { guard: and(['allowed', 'approved']), target: 'resolved', actions: ['markSignedOff', 'deliverAnswer'] },
          { guard: 'allowed', target: 'inProgress.working', actions: 'discardAnswer' },
        ],
        withdraw: { guard: 'allowed', target: 'withdrawn' },
        addInformation: { guard: 'allowed', actions: 'countInformation' },
      },
    },
    resolved: {
      meta: { clocks: { rating: 'running' } },
      on: {
        recomputeDue: { guard: 'allowed', actions: 'recomputeDue' },
        rate: [
          { guard: and(['allowed', 'reopens']), target: 'reopened', actions: 'reopen' },
          { guard: 'allowed', target: 'closed', actions: 'closeRated' },
        ],
        // No rating within the limit: one more invitation, then close as the policy says.
        ratingTimeout: [
          { guard: and(['allowed', 'invitedAgain']), target: 'closed', actions: 'closeOnTimeout' },
          { guard: 'allowed', actions: 'inviteAgain' },
        ],
        strikeOff: { guard: 'allowed', target: 'closed', actions: 'closeStruckOff' },
      },
    },
    reopened: {
      meta: { clocks: { claim: 'running', handling: 'running' } },
      on: {
        recomputeDue: { guard: 'allowed', actions: 'recomputeDue' },
        claim: { guard: 'allowed', target: 'inProgress', actions: 'setClaimed' },
        withdraw: { guard: 'allowed', target: 'withdrawn' },
        addInformation: { guard: 'allowed', actions: 'countInformation' },
        supplyDocument: { guard: 'allowed', actions: 'supplyDocument' },
      },
    },
    closed: { type: 'final', meta: { clocks: {} } },
    withdrawn: { type: 'final', meta: { clocks: {} } },
    duplicate: { type: 'final', meta: { clocks: {} } },
  },
});
