// Answers of the projects routes: filled in with their schemas.
export {};
