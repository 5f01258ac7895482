-- The sweep acts as the system (the owner role): its alarms and audit rows
-- name it 电子监察, never a database role, and no person may bear that name.
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

UPDATE casedesk.case_item SET due_at = now() - interval '1 hour', yellow_at = now() - interval '2 hours'
 WHERE id = 1;
SET SESSION AUTHORIZATION sup;
SELECT t.eq(casedesk.sweep(), 1, 'the sweep raises the red alarm');
RESET SESSION AUTHORIZATION;
SELECT t.eq(raised_by, 'casedesk_owner'::name, 'the alarm is the system''s'),
       t.eq(casedesk.display_name(raised_by), '电子监察', 'named in words')
  FROM casedesk.escalation WHERE kind = 'red';
SELECT t.eq(array_agg(DISTINCT casedesk.display_name(actor)), ARRAY['电子监察'],
            'the sweep''s audit rows name the system')
  FROM casedesk.audit WHERE action LIKE 'sweep%';
-- People keep their names; a login that is not staff is shown as it is.
SELECT t.eq(casedesk.display_name('rev_a'), '王芳', 'a person by name'),
       t.eq(casedesk.display_name('nobody'), 'nobody', 'a login that is not staff');

-- Nobody may pose as the system: not through the admin functions, not in
-- the table itself.
SELECT t.matches(t.refused($$SELECT casedesk.staff_add('fake_watch', '电子监察', 'window', NULL)$$,
                           '22023', 'staff_add with the system''s name'),
                 'system', 'the refusal says why');
SELECT t.refused($$UPDATE casedesk.staff SET display_name = '电子监察' WHERE login = 'rev_a'$$,
                 '23514', 'a person renamed as the system');
