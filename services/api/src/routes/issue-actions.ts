import * as contract from '@huiyin/contract';
import { issueCommands, type IssueCommand } from '@huiyin/engine';
import type { z } from 'zod';

type IssueAction = { path: string; operationId: string; summary: string; description: string; input: z.ZodType; command: IssueCommand<any> };

/**
 * The refusals every action shares (`applyIssueCommand`), appended to each action's description,
 * which names only its own.
 */
export const ISSUE_ACTION_REFUSALS =
  "Every action: `404 issue.not_found` for no such issue (or, to an enterprise, another's), `403 issue.forbidden` to an official who may not see the issue or may not take this step, `409 issue.stale_version` when `expectedVersion` is not the issue's version, `409 issue.wrong_state` when its state does not take this step.";

/**
 * Every command on an issue as the API offers it: its URL segment, its operationId, its summary,
 * its description (who may, what it moves, its own refusals), its input schema and its use case.
 * One route each (`POST /api/v1/issues/:id/<path>`), answering `IssueStep`; the OpenAPI document
 * lists them all. 列单 is `setIssueElements`: `listIssues` reads the list.
 */
export const ISSUE_ACTIONS: readonly IssueAction[] = [
  {
    path: 'list',
    operationId: 'setIssueElements',
    summary: '列单: set the four elements (dispatcher)',
    description:
      "A dispatcher, while the issue is `submitted` or `listed` (listing again before dispatch replaces the plan); the listing clock keeps running until dispatch. The leader and lead unit default to the enterprise's assignment (for a problem handed over from a key project, the project's), the time limit to the category's; the leader is notified, and the enterprise too when documents are owed (容缺), each due within the category's supplement limit. Refused: `400 validation.required` naming `leaderId` or `leadUnitId` when there is no default, `400 validation.invalid` (a milestone due in the past), `422 reference.unknown`, `422 issue.milestones_required` (a time limit from the category's `milestonesRequiredFrom` on, without milestones), `409 issue.lead_unit_also_assisting`, `409 issue.assisting_unit_repeated`.",
    input: contract.ListIssueInput,
    command: issueCommands.list,
  },
  {
    path: 'dispatch',
    operationId: 'dispatchIssue',
    summary: '派单: send to the lead unit; claim and handling clocks start (dispatcher)',
    description:
      "A dispatcher, on a `listed` issue. The listing clock stops; the claim clock starts on the category's claim limit, the handling clock on the issue's time limit, and each assisting unit's clock with its due time from `assists` or else the category's margin before the lead unit's; the lead unit, each assisting unit, the first responder (首问) and the enterprise are notified. Refused: `422 issue.assist_due_after_lead` (an assisting unit's due time not after now and before the lead unit's), `422 reference.unknown` (a unit in `assists` that does not assist on this issue).",
    input: contract.DispatchInput,
    command: issueCommands.dispatch,
  },
  {
    path: 'mark-duplicate',
    operationId: 'markIssueDuplicate',
    summary: 'Link a duplicate to the open original (dispatcher)',
    description:
      'A dispatcher, while the issue is `submitted` or `listed`. The issue ends as `duplicate`, linked to the original (followed through any chain of duplicates), and the enterprise is told to follow the original. Refused: `422 reference.unknown` (not an issue of the same enterprise), `409 issue.duplicate_of_closed`, `409 issue.duplicate_of_itself`.',
    input: contract.MarkDuplicateInput,
    command: issueCommands.markDuplicate,
  },
  {
    path: 'claim',
    operationId: 'claimIssue',
    summary: '签收: claim for the lead unit',
    description:
      'A handler or unit head of the lead unit, while the issue is `awaitingClaim` or `reopened`. The claim clock stops and whether the claim came in time is recorded for good; the handling clock keeps running, and the enterprise hears who claimed it and the expected answer date.',
    input: contract.ClaimInput,
    command: issueCommands.claim,
  },
  {
    path: 'return',
    operationId: 'returnIssue',
    summary: '退单: return with a reason',
    description:
      "A handler or unit head of the lead unit, while the issue is `awaitingClaim`. The claim clock stops but the handling clock keeps running (a return buys no time); the dispatchers are asked to rule, or the issue's leader from the second return on, and the enterprise does not see it. Refused: `409 issue.return_ruling_final` when a ruling already went against this unit.",
    input: contract.ReturnInput,
    command: issueCommands.returnIssue,
  },
  {
    path: 'rule-return',
    operationId: 'ruleIssueReturn',
    summary: 'Rule on a return; final (dispatcher, or the leader after repeated returns)',
    description:
      "On a `returned` issue: a dispatcher rules on the first return, the issue's leader on the second and later ones (the other is `403 issue.forbidden`). Upheld, the issue goes to the unit in `leadUnitId` with fresh claim and handling clocks; denied, it goes back to the returning unit, whose handling clock never stopped and which may not return it again; that unit is notified either way. Refused: `400 validation.required` (upheld without `leadUnitId`), `422 reference.unknown`, `409 issue.redispatch_same_unit`, `409 issue.lead_unit_also_assisting`.",
    input: contract.RuleReturnInput,
    command: issueCommands.ruleReturn,
  },
  {
    path: 'first-contact',
    operationId: 'recordIssueFirstContact',
    summary: '先行联系: record first contact with the enterprise',
    description:
      "A handler or unit head of the lead unit, while the issue is `inProgress.working`, once per claim (a reopened issue needs it again); the answer cannot be submitted without it. The note stays internal: the enterprise's timeline shows the channel only. Refused: `409 issue.first_contact_already_recorded`.",
    input: contract.FirstContactInput,
    command: issueCommands.recordFirstContact,
  },
  {
    path: 'milestone-report',
    operationId: 'reportIssueMilestone',
    summary: 'Report a milestone done',
    description:
      "A handler or unit head of the lead unit, while the issue is in progress (`inProgress.*`). The milestone of the issue's plan is marked done with the note, on time or not against its due time, and the enterprise is notified (节点进展). Refused: `422 reference.unknown` (not a milestone of this issue), `409 milestone.already_done`.",
    input: contract.ReportMilestoneInput,
    command: issueCommands.reportMilestone,
  },
  {
    path: 'interim-reply',
    operationId: 'sendIssueInterimReply',
    summary: 'Send an interim reply to the enterprise',
    description:
      'A handler or unit head of the lead unit, while the issue is in progress (`inProgress.*`). The text is kept as a sent reply and reaches the enterprise as a notice (办理进展); no clock moves.',
    input: contract.InterimReplyInput,
    command: issueCommands.interimReply,
  },
  {
    path: 'request-info',
    operationId: 'requestIssueInfo',
    summary: 'Ask the enterprise for information; the handling clock pauses',
    description:
      "A handler or unit head of the lead unit, while the issue is `inProgress.working`; the text reaches the enterprise and the issue waits on it (`inProgress.waitingOnEnterprise`). The handling clock stays paused until the enterprise supplies the information, the unit resumes, or the pause allowance (the category's `maxPause`, less earlier pauses) is spent and the engine resumes it. Refused: `409 issue.pause_after_due` once the handling due time has passed.",
    input: contract.RequestInfoInput,
    command: issueCommands.requestInfo,
  },
  {
    path: 'supply-info',
    operationId: 'supplyIssueInfo',
    summary: 'The enterprise adds information; handling resumes',
    description:
      "The issue's enterprise, while the issue waits on it (`inProgress.waitingOnEnterprise`). The handling clock runs again, its due time moved by the paused time (no more than is left of the pause allowance); the attachments named are linked, the lead unit is notified, and the enterprise hears the new answer date when it moved. Refused: `422 reference.unknown` for an attachment that is not the caller's own unattached upload.",
    input: contract.SupplyInfoInput,
    command: issueCommands.supplyInfo,
  },
  {
    path: 'add-information',
    operationId: 'addIssueInformation',
    summary: 'The enterprise adds information or documents while the issue is open',
    description:
      "The issue's enterprise, at any point before the answer is delivered (not once `resolved` or ended); no clock moves. The text and the attachments named are added to the issue, and the lead unit is notified (the dispatchers before the issue is listed). Refused: `422 reference.unknown` for an attachment that is not the caller's own unattached upload.",
    input: contract.AddInformationInput,
    command: issueCommands.addInformation,
  },
  {
    path: 'resume',
    operationId: 'resumeIssueHandling',
    summary: 'Resume handling without the information',
    description:
      'A handler or unit head of the lead unit, while the issue waits on the enterprise (`inProgress.waitingOnEnterprise`), with a note. The handling clock runs again, its due time moved by the paused time (no more than is left of the pause allowance); the enterprise hears the new answer date when it moved.',
    input: contract.ResumeHandlingInput,
    command: issueCommands.resumeHandling,
  },
  {
    path: 'supply-document',
    operationId: 'supplyIssueDocument',
    summary: '容缺: supply a pending document',
    description:
      "The issue's enterprise, or a handler or unit head of the lead unit, with a file they uploaded, from filing until the answer is submitted (`submitted` to `inProgress`, or `reopened`). The pending document is marked supplied, on time or not against its supplement due time. Refused: `422 reference.unknown` (not a pending document of this issue, or not the caller's own unattached upload), `409 document.already_supplied`.",
    input: contract.SupplyDocumentInput,
    command: issueCommands.supplyDocument,
  },
  {
    path: 'extension',
    operationId: 'requestIssueExtension',
    summary: '延期: request an extension before the due time',
    description:
      "A handler or unit head of the lead unit, while the issue is in progress (`inProgress.*`), with an amount and a reason; the issue's leader is asked to decide, and the enterprise does not see the request. Refused: `422 issue.extensions_exhausted` (the category's `maxExtensions` already granted), `422 issue.extension_too_long` (beyond the category's `maxExtension`), `409 issue.extension_pending`, `409 issue.extension_after_due` (the handling due time has passed).",
    input: contract.RequestExtensionInput,
    command: issueCommands.requestExtension,
  },
  {
    path: 'extension/approve',
    operationId: 'approveIssueExtension',
    summary: 'Approve the pending extension (leader)',
    description:
      "The issue's leader (分包领导), while the issue is in progress (`inProgress.*`). The handling due time moves by the requested amount, by the calendar's rule, and the lead unit and the enterprise hear the new date. Refused: `409 issue.no_extension_pending`.",
    input: contract.DecideExtensionInput,
    command: issueCommands.approveExtension,
  },
  {
    path: 'extension/deny',
    operationId: 'denyIssueExtension',
    summary: 'Deny the pending extension (leader)',
    description:
      "The issue's leader (分包领导), while the issue is in progress (`inProgress.*`). The handling due time stays; the lead unit is told, the enterprise is not. Refused: `409 issue.no_extension_pending`.",
    input: contract.DecideExtensionInput,
    command: issueCommands.denyExtension,
  },
  {
    path: 'assist-answer',
    operationId: 'answerIssueAssist',
    summary: '协办: an assisting unit answers the lead unit',
    description:
      "A handler or unit head of an assisting unit, once, while the issue is in progress (`inProgress.*`). The answer goes to the lead unit, not to the enterprise, recorded on time or not against the unit's assist due time; the lead unit cannot submit its final answer before every assisting unit has answered. Refused: `409 issue.assist_already_answered`.",
    input: contract.AnswerAssistInput,
    command: issueCommands.answerAssist,
  },
  {
    path: 'resolve',
    operationId: 'resolveIssue',
    summary: 'Submit the final answer for review',
    description:
      "A handler or unit head of the lead unit, while the issue is `inProgress.working`. The draft goes to the unit head's review (`answerReview`), unseen by the enterprise; the handling clock keeps running until an answer is delivered. Refused: `409 issue.first_contact_missing`, `409 issue.assists_unanswered`, `409 issue.way_forward_required` (a negative answer without `wayForward`).",
    input: contract.ResolveInput,
    command: issueCommands.resolve,
  },
  {
    path: 'review',
    operationId: 'reviewIssueAnswer',
    summary: 'Review the final answer (unit head)',
    description:
      "A unit head of the lead unit, on an issue in `answerReview`. Approved, a positive answer is delivered to the enterprise with the rating invitation (`resolved`: the handling clock stops, the rating clock starts), and a negative one goes to the issue's leader to sign off (`answerSignOff`); rejected, the draft goes back to the unit (`inProgress.working`) with the note.",
    input: contract.ReviewInput,
    command: issueCommands.reviewAnswer,
  },
  {
    path: 'sign-off',
    operationId: 'signOffIssueAnswer',
    summary: 'Sign off a negative answer (leader)',
    description:
      "The issue's leader (分包领导), on an issue in `answerSignOff`. Approved, the answer and its way forward are delivered to the enterprise with the rating invitation (`resolved`: the handling clock stops, the rating clock starts); rejected, the draft goes back to the lead unit (`inProgress.working`) with the note.",
    input: contract.ReviewInput,
    command: issueCommands.signOff,
  },
  {
    path: 'rate',
    operationId: 'rateIssue',
    summary: 'Rate the answer (enterprise); dissatisfied reopens',
    description:
      "The issue's enterprise, on a `resolved` issue. `dissatisfied` reopens it (重办) to the same lead unit with fresh claim and handling clocks and tells the leader and the unit; any other satisfaction closes it and tells the unit. Left unrated past the rating limit, the issue gets one more invitation, then is closed as the category's policy says.",
    input: contract.RateInput,
    command: issueCommands.rate,
  },
  {
    path: 'withdraw',
    operationId: 'withdrawIssue',
    summary: 'Withdraw before resolution (enterprise)',
    description:
      "The issue's enterprise, with a reason, until the answer is delivered (before `resolved`). The issue ends (`withdrawn`) and its clocks stop; the lead unit is told (the dispatchers before the issue is listed).",
    input: contract.WithdrawInput,
    command: issueCommands.withdraw,
  },
  {
    path: 'strike-off',
    operationId: 'strikeOffIssue',
    summary: '销号: strike off a resolved issue (supervision, dispatcher)',
    description:
      "A dispatcher or supervisor (not an admin), with a reason, on a `resolved` issue. The rating clock stops and the issue closes without the enterprise's rating; the enterprise is told the reason.",
    input: contract.StrikeOffInput,
    command: issueCommands.strikeOff,
  },
];
