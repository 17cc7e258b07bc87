import * as contract from '@huiyin/contract';
import { issueCommands, type IssueCommand } from '@huiyin/engine';
import type { z } from 'zod';

type IssueAction = { path: string; summary: string; input: z.ZodType; command: IssueCommand<any> };

/**
 * Every command on an issue as the API offers it: its URL segment, its summary, its input schema
 * and its use case. One route each (`POST /api/v1/issues/:id/<path>`); the OpenAPI document lists them all.
 */
export const ISSUE_ACTIONS: readonly IssueAction[] = [
  { path: 'list', summary: '列单: set the four elements (dispatcher)', input: contract.ListIssueInput, command: issueCommands.list },
  { path: 'dispatch', summary: '派单: send to the lead unit; claim and handling clocks start (dispatcher)', input: contract.DispatchInput, command: issueCommands.dispatch },
  { path: 'mark-duplicate', summary: 'Link a duplicate to the open original (dispatcher)', input: contract.MarkDuplicateInput, command: issueCommands.markDuplicate },
  { path: 'claim', summary: '签收: claim for the lead unit', input: contract.ClaimInput, command: issueCommands.claim },
  { path: 'return', summary: '退单: return with a reason', input: contract.ReturnInput, command: issueCommands.returnIssue },
  { path: 'rule-return', summary: 'Rule on a return; final (dispatcher, or the leader after repeated returns)', input: contract.RuleReturnInput, command: issueCommands.ruleReturn },
  { path: 'first-contact', summary: '先行联系: record first contact with the enterprise', input: contract.FirstContactInput, command: issueCommands.recordFirstContact },
  { path: 'milestone-report', summary: 'Report a milestone done', input: contract.ReportMilestoneInput, command: issueCommands.reportMilestone },
  { path: 'interim-reply', summary: 'Send an interim reply to the enterprise', input: contract.InterimReplyInput, command: issueCommands.interimReply },
  { path: 'request-info', summary: 'Ask the enterprise for information; the handling clock pauses', input: contract.RequestInfoInput, command: issueCommands.requestInfo },
  { path: 'supply-info', summary: 'The enterprise adds information; handling resumes', input: contract.SupplyInfoInput, command: issueCommands.supplyInfo },
  { path: 'add-information', summary: 'The enterprise adds information or documents while the issue is open', input: contract.AddInformationInput, command: issueCommands.addInformation },
  { path: 'resume', summary: 'Resume handling without the information', input: contract.ResumeHandlingInput, command: issueCommands.resumeHandling },
  { path: 'supply-document', summary: '容缺: supply a pending document', input: contract.SupplyDocumentInput, command: issueCommands.supplyDocument },
  { path: 'extension', summary: '延期: request an extension before the due time', input: contract.RequestExtensionInput, command: issueCommands.requestExtension },
  { path: 'extension/approve', summary: 'Approve the pending extension (leader)', input: contract.DecideExtensionInput, command: issueCommands.approveExtension },
  { path: 'extension/deny', summary: 'Deny the pending extension (leader)', input: contract.DecideExtensionInput, command: issueCommands.denyExtension },
  { path: 'assist-answer', summary: '协办: an assisting unit answers the lead unit', input: contract.AnswerAssistInput, command: issueCommands.answerAssist },
  { path: 'resolve', summary: 'Submit the final answer for review', input: contract.ResolveInput, command: issueCommands.resolve },
  { path: 'review', summary: 'Review the final answer (unit head)', input: contract.ReviewInput, command: issueCommands.reviewAnswer },
  { path: 'sign-off', summary: 'Sign off a negative answer (leader)', input: contract.ReviewInput, command: issueCommands.signOff },
  { path: 'rate', summary: 'Rate the answer (enterprise); dissatisfied reopens', input: contract.RateInput, command: issueCommands.rate },
  { path: 'withdraw', summary: 'Withdraw before resolution (enterprise)', input: contract.WithdrawInput, command: issueCommands.withdraw },
  { path: 'strike-off', summary: '销号: strike off a resolved issue (supervision, dispatcher)', input: contract.StrikeOffInput, command: issueCommands.strikeOff },
];
