-- Filing at the window (容缺受理): the form's lookups, filing with
-- materials not received, who may file, replays, refusals, the audit rows.
-- (One notification per filing: tests/isolation/specs/notify.spec.)
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

-- The fixture's matters: M1 = T1 (materials 1, 2) ∥ T2 (material 1);
-- M2 = T1 → T3 (T3 needs no material).

-------------------------------------------------------------------------------
-- The lookups, for those who file.
SET SESSION AUTHORIZATION win;
SELECT t.eq(array_agg(m.code || ' ' || m.name || ' ' || m.name_en || ' ' || m.items ORDER BY n),
            ARRAY['M1 项目开工一件事 project start 2', 'M2 项目竣工一件事 project completion 2'],
            'intake_matters: every matter by code, with its item count')
  FROM casedesk.intake_matters() WITH ORDINALITY AS m(code, name, name_en, items, n);
SELECT t.eq(array_agg(c.item_type_id || ' ' || c.item_code || ' ' || c.item_name || ' ' || c.department
                      || ' ' || coalesce(c.ord::text, '-') || ' ' || coalesce(c.material, '-')
                      || ' ' || coalesce(c.waits_for, '-') ORDER BY n),
            ARRAY['1 T1 建筑工程施工许可 住房和城乡建设局 1 施工图设计文件审查合格书 -',
                  '1 T1 建筑工程施工许可 住房和城乡建设局 2 建设工程规划许可证 -',
                  '2 T2 新建民用建筑防空地下室审批 人民防空办公室 1 人防工程设计图 -'],
            'intake_checklist M1: one row per material, by item then number')
  FROM casedesk.intake_checklist('M1') WITH ORDINALITY AS c(item_type_id, item_code, item_name,
                                                           department, ord, material, waits_for, n);
SELECT t.eq(array_agg(c.item_code || ' ' || coalesce(c.ord::text, '-') || ' ' || coalesce(c.material, '-')
                      || ' ' || coalesce(c.waits_for, '-') ORDER BY n),
            ARRAY['T1 1 施工图设计文件审查合格书 -', 'T1 2 建设工程规划许可证 -', 'T3 - - 建筑工程施工许可'],
            'intake_checklist M2: an item without material is one row; what it waits for')
  FROM casedesk.intake_checklist('M2') WITH ORDINALITY AS c(item_type_id, item_code, item_name,
                                                           department, ord, material, waits_for, n);
SELECT t.eq(t.raises($$SELECT * FROM casedesk.intake_checklist('M9')$$, 'P0002', 'unknown matter'),
            'no matter M9', 'unknown matter: its words');
SELECT t.eq(casedesk.applicant_name(' 91350100m000100y43 '), '福建某建设有限公司',
            'applicant_name: trimmed, in capitals, as filing reads the code');
SELECT t.eq(casedesk.applicant_name('9144030071526726XG'), NULL::text, 'applicant_name: unknown code');
SET SESSION AUTHORIZATION sup;
SELECT t.eq((SELECT count(*) FROM casedesk.intake_matters()), 2::bigint, 'a supervisor may look up matters');
SELECT t.eq(casedesk.applicant_name('91110000600037341L'), '北京某置业有限公司', 'a supervisor may look up a name');
SET SESSION AUTHORIZATION rev_a;
SELECT t.raises($$SELECT * FROM casedesk.intake_matters()$$, '42501', 'a reviewer looks up matters');
SELECT t.raises($$SELECT * FROM casedesk.intake_checklist('M1')$$, '42501', 'a reviewer looks up a checklist');
SELECT t.raises($$SELECT casedesk.applicant_name('91110000600037341L')$$, '42501', 'a reviewer looks up a name');
SET SESSION AUTHORIZATION oncall_a;
SELECT t.raises($$SELECT * FROM casedesk.intake_matters()$$, '42501', 'on-call looks up matters');
RESET SESSION AUTHORIZATION;

-- Both ways of filing are granted alike: to window clerks and supervisors.
SELECT t.eq(array_agg(j.login || ' ' || has_function_privilege(j.login, f.sig, 'EXECUTE') ORDER BY f.sig, j.login),
            ARRAY['oncall_a false', 'rev_a false', 'sup true', 'win true',
                  'oncall_a false', 'rev_a false', 'sup true', 'win true'],
            'who may call file_case, either overload')
  FROM (VALUES ('casedesk.file_case(uuid, text, text, text, text, casedesk.channel)'),
               ('casedesk.file_case(uuid, text, text, text, text, casedesk.channel, int[], int[])')) f(sig)
 CROSS JOIN (VALUES ('win'), ('sup'), ('rev_a'), ('oncall_a')) j(login);

-------------------------------------------------------------------------------
-- The fixture's filings (the old way): nothing missing.
SELECT t.eq(array_agg(cardinality(missing_materials)), ARRAY[0, 0, 0, 0], 'filed the old way: nothing missing')
  FROM casedesk.case_item;

-- Filing with materials missing: T1's material 2 and T2's material 1,
-- named twice and out of order.
SET SESSION AUTHORIZATION win;
SELECT casedesk.file_case('7e000000-0000-4000-8000-000000000001', 'M1', '91350100M000100Y43',
                          '福建某建设有限公司', '滨江花园二期', 'window',
                          ARRAY[2, 1, 2], ARRAY[1, 2, 1]) AS c3 \gset
RESET SESSION AUTHORIZATION;
SELECT t.eq(array_agg(it.code || ' ' || ci.status || ' ' || array_to_string(ci.missing_materials, '、') ORDER BY ci.id),
            ARRAY['T1 pending 建设工程规划许可证', 'T2 pending 人防工程设计图'],
            'every item filed, each with the names of its missing materials')
  FROM casedesk.case_item ci JOIN casedesk.item_type it ON it.id = ci.item_type_id
 WHERE ci.case_id = :c3;
-- One row for the case, then one per item with the item as filed.
SELECT t.eq(array_agg(a.actor || ' ' || a.action || ' ' || coalesce(a.item_id::text, '-') || ' ' || a.case_id ORDER BY a.id),
            (SELECT ARRAY['win file_case - ' || :c3] || array_agg('win file_item ' || ci.id || ' ' || :c3 ORDER BY ci.id)
               FROM casedesk.case_item ci WHERE ci.case_id = :c3),
            'audit: the case, then each item')
  FROM casedesk.audit a WHERE a.request_id = '7e000000-0000-4000-8000-000000000001';
SELECT t.eq(jsonb_populate_record(NULL::casedesk.case_item, a.after), ci,
            'audit: item ' || ci.id || ' as stored'),
       t.eq(a.after -> 'missing_materials', to_jsonb(ci.missing_materials),
            'audit: item ' || ci.id || '''s missing materials')
  FROM casedesk.audit a JOIN casedesk.case_item ci ON ci.id = a.item_id
 WHERE a.request_id = '7e000000-0000-4000-8000-000000000001';
SELECT t.eq(count(*), 2::bigint, 'one audit row per item')
  FROM casedesk.audit a WHERE a.request_id = '7e000000-0000-4000-8000-000000000001' AND a.action = 'file_item';

-- The names are kept as they were at filing.
UPDATE casedesk.required_material SET name = '建设工程规划许可证（正本）' WHERE item_type_id = 1 AND ord = 2;
SELECT t.eq(missing_materials, ARRAY['建设工程规划许可证'], 'a material renamed later: the item keeps the name it was filed with')
  FROM casedesk.case_item WHERE case_id = :c3 AND item_type_id = 1;
UPDATE casedesk.required_material SET name = '建设工程规划许可证' WHERE item_type_id = 1 AND ord = 2;

-- A replay with the same pairs, in another order: the same case, nothing new.
SELECT t.snapshot() AS before \gset
SET SESSION AUTHORIZATION win;
SELECT t.eq(casedesk.file_case('7e000000-0000-4000-8000-000000000001', 'M1', '91350100M000100Y43',
                               '福建某建设有限公司', '滨江花园二期', 'window', ARRAY[1, 2], ARRAY[2, 1]),
            :c3::bigint, 'replayed filing: the same case');
RESET SESSION AUTHORIZATION;
SELECT t.eq(t.snapshot(), :'before'::jsonb, 'replayed filing: nothing changed');
-- With other pairs, or none, it is another filing: refused.
SET SESSION AUTHORIZATION win;
SELECT t.refused($$SELECT casedesk.file_case('7e000000-0000-4000-8000-000000000001', 'M1', '91350100M000100Y43',
                          '福建某建设有限公司', '滨江花园二期', 'window', ARRAY[1], ARRAY[2])$$,
                 'CD004', 'the request id with other materials missing');
SELECT t.refused($$SELECT casedesk.file_case('7e000000-0000-4000-8000-000000000001', 'M1', '91350100M000100Y43',
                          '福建某建设有限公司', '滨江花园二期', 'window')$$,
                 'CD004', 'the request id with nothing missing');

-- Pairs that are not a required material of an item of the matter.
SELECT t.eq(t.refused($$SELECT casedesk.file_case('7e000000-0000-4000-8000-000000000002', 'M1', '91350100M000100Y43',
                               '福建某建设有限公司', '', 'window', ARRAY[1, 1], ARRAY[1, 9])$$,
                      '22023', 'no such material of the item'),
            'item T1 of matter M1 has no required material 9', 'no such material: its words');
SELECT t.eq(t.refused($$SELECT casedesk.file_case('7e000000-0000-4000-8000-000000000003', 'M2', '91350100M000100Y43',
                               '福建某建设有限公司', '', 'window', ARRAY[2], ARRAY[1])$$,
                      '22023', 'a material of an item of another matter'),
            'item T2 of matter M2 has no required material 1', 'an item of another matter: its words');
SELECT t.eq(t.refused($$SELECT casedesk.file_case('7e000000-0000-4000-8000-000000000004', 'M1', '91350100M000100Y43',
                               '福建某建设有限公司', '', 'window', ARRAY[99], ARRAY[1])$$,
                      '22023', 'no such item'),
            'item 99 of matter M1 has no required material 1', 'no such item: its words');
SELECT t.refused($$SELECT casedesk.file_case('7e000000-0000-4000-8000-000000000005', 'M1', '91350100M000100Y43',
                          '福建某建设有限公司', '', 'window', ARRAY[1, NULL], ARRAY[1, 1])$$,
                 '22023', 'a pair without its item');
SELECT t.eq(t.refused($$SELECT casedesk.file_case('7e000000-0000-4000-8000-000000000006', 'M1', '91350100M000100Y43',
                               '福建某建设有限公司', '', 'window', ARRAY[1, 2], ARRAY[1])$$,
                      '22023', 'arrays that do not pair up'),
            'the missing materials name 2 items but 1 material numbers', 'arrays that do not pair up: its words');
SELECT t.refused($$SELECT casedesk.file_case('7e000000-0000-4000-8000-000000000007', 'M1', '91350100M000100Y43',
                          '福建某建设有限公司', '', 'window',
                          array_fill(1, ARRAY[501]), array_fill(1, ARRAY[501]))$$,
                 '22023', 'too many pairs');
RESET SESSION AUTHORIZATION;

-------------------------------------------------------------------------------
-- Who may file: a supervisor may; reviewers and on-call staff may not, also
-- with the privilege (the function checks the job itself).
SET SESSION AUTHORIZATION sup;
SELECT casedesk.file_case('7e000000-0000-4000-8000-000000000010', 'M2', '91110000600037341L',
                          '北京某置业有限公司', '', 'window', ARRAY[1], ARRAY[1]) AS c4 \gset
RESET SESSION AUTHORIZATION;
SELECT t.eq(received_by, 'sup'::name, 'a supervisor files a case') FROM casedesk.case_file WHERE id = :c4;
SELECT t.eq(array_agg(it.code || ' ' || ci.status || ' ' || array_to_string(ci.missing_materials, '、') ORDER BY ci.id),
            ARRAY['T1 pending 施工图设计文件审查合格书', 'T3 waiting '],
            'the supervisor''s filing: a waiting item is filed too')
  FROM casedesk.case_item ci JOIN casedesk.item_type it ON it.id = ci.item_type_id
 WHERE ci.case_id = :c4;
SET SESSION AUTHORIZATION rev_a;
SELECT t.refused($$SELECT casedesk.file_case('7e000000-0000-4000-8000-000000000011', 'M1', '91350100M000100Y43',
                          '某公司', '', 'window', '{}', '{}')$$,
                 '42501', 'a reviewer files a case');
SET SESSION AUTHORIZATION oncall_a;
SELECT t.refused($$SELECT casedesk.file_case('7e000000-0000-4000-8000-000000000012', 'M1', '91350100M000100Y43',
                          '某公司', '', 'window', '{}', '{}')$$,
                 '42501', 'on-call files a case');
RESET SESSION AUTHORIZATION;
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'intake_odd') THEN
        CREATE ROLE intake_odd LOGIN IN ROLE casedesk_window;
    END IF;
END
$$;
INSERT INTO casedesk.staff VALUES ('intake_odd', '周敏', 'reviewer', true);
SET SESSION AUTHORIZATION intake_odd;
SELECT t.eq(t.refused($$SELECT casedesk.file_case('7e000000-0000-4000-8000-000000000013', 'M1', '91350100M000100Y43',
                               '某公司', '', 'window', '{}', '{}')$$,
                      '42501', 'a reviewer with the window''s privileges files a case'),
            'a reviewer may not do this', 'the job is checked: its words');
SELECT t.raises($$SELECT * FROM casedesk.intake_matters()$$, '42501',
                'a reviewer with the window''s privileges looks up matters');
RESET SESSION AUTHORIZATION;
