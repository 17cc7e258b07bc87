// Answers of the reference routes: filled in with their schemas.
export {};
