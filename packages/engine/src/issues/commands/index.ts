import * as contract from '@huiyin/contract';
import type { z } from 'zod';
import type { IssueCommand } from '../execute-command.ts';
import { addInformation, answerAssist, interimReply, recordFirstContact, reportMilestone, requestInfo, resumeHandling, supplyDocument, supplyInfo } from './handling.ts';
import { approveExtension, denyExtension, requestExtension } from './extensions.ts';
import { claim, returnIssue, ruleReturn } from './claiming.ts';
import { dispatch, list, markDuplicate } from './listing.ts';
import { rate, strikeOff, withdraw } from './closing.ts';
import { resolve, reviewAnswer, signOff } from './answering.ts';

type Entry = { path: string; summary: string; input: z.ZodType; command: IssueCommand<any> };

/**
 * Every command on an issue: its URL segment, its input schema and its use case. The API makes
 * one route of each (`POST /api/v1/issues/:id/<path>`); the OpenAPI document lists them all.
 */
export const ISSUE_COMMANDS: readonly Entry[] = [
  { path: 'list', summary: '列单: set the four elements (dispatcher)', input: contract.ListIssueInput, command: list },
  { path: 'dispatch', summary: '派单: send to the lead unit; claim and handling clocks start (dispatcher)', input: contract.DispatchInput, command: dispatch },
  { path: 'mark-duplicate', summary: 'Link a duplicate to the open original (dispatcher)', input: contract.MarkDuplicateInput, command: markDuplicate },
  { path: 'claim', summary: '签收: claim for the lead unit', input: contract.ClaimInput, command: claim },
  { path: 'return', summary: '退单: return with a reason', input: contract.ReturnInput, command: returnIssue },
  { path: 'rule-return', summary: 'Rule on a return; final (dispatcher, or the leader after repeated returns)', input: contract.RuleReturnInput, command: ruleReturn },
  { path: 'first-contact', summary: '先行联系: record first contact with the enterprise', input: contract.FirstContactInput, command: recordFirstContact },
  { path: 'milestone-report', summary: 'Report a milestone done', input: contract.ReportMilestoneInput, command: reportMilestone },
  { path: 'interim-reply', summary: 'Send an interim reply to the enterprise', input: contract.InterimReplyInput, command: interimReply },
  { path: 'request-info', summary: 'Ask the enterprise for information; the handling clock pauses', input: contract.RequestInfoInput, command: requestInfo },
  { path: 'supply-info', summary: 'The enterprise adds information; handling resumes', input: contract.SupplyInfoInput, command: supplyInfo },
  { path: 'add-information', summary: 'The enterprise adds information or documents while the issue is open', input: contract.AddInformationInput, command: addInformation },
  { path: 'resume', summary: 'Resume handling without the information', input: contract.ResumeHandlingInput, command: resumeHandling },
  { path: 'supply-document', summary: '容缺: supply a pending document', input: contract.SupplyDocumentInput, command: supplyDocument },
  { path: 'extension', summary: '延期: request an extension before the due time', input: contract.RequestExtensionInput, command: requestExtension },
  { path: 'extension/approve', summary: 'Approve the pending extension (leader)', input: contract.DecideExtensionInput, command: approveExtension },
  { path: 'extension/deny', summary: 'Deny the pending extension (leader)', input: contract.DecideExtensionInput, command: denyExtension },
  { path: 'assist-answer', summary: '协办: an assisting unit answers the lead unit', input: contract.AnswerAssistInput, command: answerAssist },
  { path: 'resolve', summary: 'Submit the final answer for review', input: contract.ResolveInput, command: resolve },
  { path: 'review', summary: 'Review the final answer (unit head)', input: contract.ReviewInput, command: reviewAnswer },
  { path: 'sign-off', summary: 'Sign off a negative answer (leader)', input: contract.ReviewInput, command: signOff },
  { path: 'rate', summary: 'Rate the answer (enterprise); dissatisfied reopens', input: contract.RateInput, command: rate },
  { path: 'withdraw', summary: 'Withdraw before resolution (enterprise)', input: contract.WithdrawInput, command: withdraw },
  { path: 'strike-off', summary: '销号: strike off a resolved issue (supervision, dispatcher)', input: contract.StrikeOffInput, command: strikeOff },
];
