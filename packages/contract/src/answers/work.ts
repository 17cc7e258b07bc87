// Answers of the work routes: filled in with their schemas.
export {};
