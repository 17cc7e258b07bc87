// Answers of the reports routes: filled in with their schemas.
export {};
