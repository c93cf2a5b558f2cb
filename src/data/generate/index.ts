// The teacher pipeline: a strong model writes candidate pairs; only those that pass every check are kept.
export { generatePairs, pairRecords, type Teacher, type GenerateOptions, type GenerateResult, type CandidateOutcome } from "./generatePairs.js";
export { checkCandidate, tidyCode, TeacherPairSchema, type TeacherPair, type CandidateLimits, type CandidateContext, type CandidateCheck } from "./checkCandidate.js";
export { parseTeacherAnswer, type TeacherAnswer } from "./parseTeacherAnswer.js";
export { teacherMessages, TEACHER_ANSWER_SCHEMA, type TeacherMessage, type TeacherPromptInput } from "./teacherPrompt.js";
export { SyntaxChecker, type SyntaxCheckItem, type SyntaxCheckerOptions } from "./SyntaxChecker.js";
export { NearDuplicateIndex, type NearestMatch } from "./NearDuplicateIndex.js";
export { changedLines, diffLines, type LineDiff } from "./changedLines.js";
