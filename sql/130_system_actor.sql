-- The system's name on screen. The sweep acts as the owner role
-- (casedesk_owner): its alarms name it as their raiser, its audit rows as
-- their actor. casedesk.display_name() calls it 电子监察 (electronic
-- supervision, what the centre calls its watch over time limits), and the
-- console says that name in its own language (SLA watch). No person may bear
-- it, or an alarm and a person's question would read alike.
SET ROLE casedesk_owner;

ALTER TABLE casedesk.staff
    ADD CONSTRAINT staff_not_the_system CHECK (display_name <> '电子监察');
