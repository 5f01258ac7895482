-- Which console sweeps for the centre. The consoles' sweeps run once per
-- period already (140_sweep_clock.sql); they also fall to one backend, so
-- that the sweep's functions and the catalogue entries of what it touches
-- are loaded in one backend, not in every console's over time. sweeper is
-- the backend (pid) of the console that swept last through sweep_due();
-- another console takes over only when that one stopped sweeping.
SET ROLE casedesk_owner;

-- == tables, types, indexes, data ==
ALTER TABLE casedesk.sweep_clock ADD COLUMN sweeper int;
