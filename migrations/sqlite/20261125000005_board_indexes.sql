-- The board's columns: open appeals of one stage, urgent first, then oldest first (the order
-- of app/src/storage/board.rs). Partial, so that it holds only the few thousand open appeals
-- however many closed ones pile up: counting a column reads this index instead of every
-- appeal of the stage (Monitoring keeps every closed appeal), and a column's first page can
-- be read in order, without sorting all of the column.
CREATE INDEX appeals_board ON appeals (stage, (CASE WHEN urgency = 'urgent' THEN 0 ELSE 1 END), created_at, id)
    WHERE closed_at IS NULL;
