// Which face the framework panel shows: the seven notes, or the review of the design. Kept apart
// from the interview's clock so the "Review the design" command can open the panel on its review.
export const reviewTab = $state({ shown: false });
