import { addInformation, answerAssist, interimReply, recordFirstContact, reportMilestone, requestInfo, resumeHandling, supplyDocument, supplyInfo } from './handling.ts';
import { approveExtension, denyExtension, requestExtension } from './extensions.ts';
import { claim, returnIssue, ruleReturn } from './claiming.ts';
import { dispatch, list, markDuplicate } from './listing.ts';
import { rate, strikeOff, withdraw } from './closing.ts';
import { resolve, reviewAnswer, signOff } from './answering.ts';
/**
 * Every command on an issue, by name: each builds its machine event (due times from the calendar,
 * references checked) and records its own rows. The API's action table gives each a URL.
 */
export const issueCommands = {
  list,
  dispatch,
  markDuplicate,
  claim,
  returnIssue,
  ruleReturn,
  recordFirstContact,
  reportMilestone,
  interimReply,
  requestInfo,
  supplyInfo,
  addInformation,
  resumeHandling,
  supplyDocument,
  requestExtension,
  approveExtension,
  denyExtension,
  answerAssist,
  resolve,
  reviewAnswer,
  signOff,
  rate,
  withdraw,
  strikeOff,
} as const;
