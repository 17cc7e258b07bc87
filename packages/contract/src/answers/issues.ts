// Answers of the issues routes: filled in with their schemas.
export {};
