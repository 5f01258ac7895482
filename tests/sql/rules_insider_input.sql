-- Input the database refuses whoever sends it: invisible and
-- direction-changing characters in names and reasons, line breaks in names,
-- names that show nothing, unbounded lists, a request id reused with other
-- data, and credit codes whose check character fits but whose structure is
-- impossible.
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

CREATE FUNCTION t.file(req text, name text, project text, code text DEFAULT '91350100M000100Y43')
RETURNS text
LANGUAGE sql AS $$
    SELECT format('SELECT casedesk.file_case(%L, %L, %L, %L, %L, %L)', req, 'M1', code, name, project, 'window');
$$;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA t TO PUBLIC;

-------------------------------------------------------------------------------
-- Names and reasons.
SET SESSION AUTHORIZATION win;
SELECT t.refused(t.file(gen_random_uuid()::text, bad.name, '一期'), '22023', 'applicant name: ' || bad.label)
  FROM (VALUES (E'福建\u202E司公限有', 'right-to-left override'),
               (E'福建\u2066某\u2069公司', 'isolates'),
               (E'福建\u200B某公司', 'zero-width space'),
               (E'福建\u200D某公司', 'zero-width joiner'),
               (E'\uFEFF福建某公司', 'byte order mark'),
               (E'福建\u2028某公司', 'line separator'),
               (E'福建\u2029某公司', 'paragraph separator'),
               (E'福建某公司\U000E0041\U000E0042', 'tag characters'),
               (E'福建某\n公司', 'newline'),
               (E'福建某\t公司', 'tab'),
               (E'\u200B\u200C\u2060', 'only invisible characters'),
               (E'\u3000\u00A0 ', 'only spaces')) AS bad(name, label);
SELECT t.refused(t.file(gen_random_uuid()::text, '福建某建设有限公司', E'滨江\u202E期一'),
                 '22023', 'project name: right-to-left override');
SELECT t.refused(t.file(gen_random_uuid()::text, '福建某建设有限公司', E'滨江花园\n一期'),
                 '22023', 'project name: newline');
RESET SESSION AUTHORIZATION;
SELECT t.play(1, 'rev_a', 'claim');
SET SESSION AUTHORIZATION rev_a;
SELECT t.refused(format('SELECT casedesk.reject(1, 2, gen_random_uuid(), %L)', E'材料不全\u202E'),
                 '22023', 'a reason with an override');
SELECT t.refused(format('SELECT casedesk.annotate(1, 2, gen_random_uuid(), %L)', E'\u200B\u200B'),
                 '22023', 'a note of zero-width spaces');
SELECT t.refused($$SELECT casedesk.request_supplement(1, 2, gen_random_uuid(), ARRAY[E'规划\n许可证'], NULL)$$,
                 '22023', 'a material name on two lines');
-- A reason may have several lines.
SELECT t.eq((casedesk.suspend(1, 2, gen_random_uuid(), E'组织专家评审\n预计两周')).status,
            'suspended'::casedesk.item_status, 'a reason on two lines');
SELECT casedesk.resume(1, 3, gen_random_uuid());

-------------------------------------------------------------------------------
-- Lists are bounded.
SELECT t.refused(format('SELECT casedesk.request_supplement(1, 4, gen_random_uuid(), %L::text[], NULL)',
                        (SELECT array_agg('材料' || i) FROM generate_series(1, 100000) i)),
                 '22023', '100,000 materials');
SELECT t.refused(format('SELECT casedesk.request_supplement(1, 4, gen_random_uuid(), %L::text[], NULL)',
                        (SELECT array_agg('材料' || i) FROM generate_series(1, 51) i)),
                 '22023', '51 materials');
SELECT t.eq((casedesk.request_supplement(1, 4, gen_random_uuid(),
                                          (SELECT array_agg('材料' || i) FROM generate_series(1, 50) i),
                                          NULL)).status,
            'supplement'::casedesk.item_status, '50 materials');
SELECT casedesk.resume(1, 5, gen_random_uuid());

-------------------------------------------------------------------------------
-- A request id reused with another payload is refused; the same payload
-- returns the first outcome.
SELECT casedesk.annotate(1, 6, '93000000-0000-4000-8000-000000000001', '已电话联系');
SELECT t.refused($$SELECT casedesk.annotate(1, 6, '93000000-0000-4000-8000-000000000001', '另一条备注')$$,
                 'CD004', 'the same note id with another text');
SELECT t.eq(casedesk.annotate(1, 6, '93000000-0000-4000-8000-000000000001', '已电话联系') > 0, true,
            'a resend of the same note');
SELECT casedesk.request_supplement(1, 6, '93000000-0000-4000-8000-000000000002', ARRAY['建设工程规划许可证'], NULL);
SELECT t.refused($$SELECT casedesk.request_supplement(1, 6, '93000000-0000-4000-8000-000000000002', ARRAY['施工图'], NULL)$$,
                 'CD004', 'the same supplement id with other materials');
SET SESSION AUTHORIZATION win;
SELECT casedesk.file_case('93000000-0000-4000-8000-000000000003', 'M1', '91350100M000100Y43',
                          '福建某建设有限公司', '滨江花园五期', 'window') AS c1 \gset
SELECT t.refused(t.file('93000000-0000-4000-8000-000000000003', '福建某建设有限公司', '滨江花园六期'),
                 'CD004', 'the same filing id for another project');
SELECT t.eq(casedesk.file_case('93000000-0000-4000-8000-000000000003', 'M1', '91350100M000100Y43',
                               '福建某建设有限公司', '滨江花园五期', 'window'), :c1::bigint,
            'a resend of the same filing');

-------------------------------------------------------------------------------
-- Credit codes: a right check character over an impossible structure.
CREATE FUNCTION pg_temp.code(first17 text) RETURNS text
LANGUAGE sql AS $$ SELECT first17 || casedesk.credit_code_check_char(first17) $$;
SELECT t.refused(t.file(gen_random_uuid()::text, '某公司', '', bad.code), '22023', 'credit code: ' || bad.label)
  FROM (VALUES ('000000000000000000', 'all zeros'),
               (pg_temp.code('01350100M000100Y4'), 'authority 0'),
               (pg_temp.code('B1350100M000100Y4'), 'authority B'),
               (pg_temp.code('94350100M000100Y4'), 'category 4 of authority 9'),
               (pg_temp.code('91000000M000100Y4'), 'region 000000'),
               (pg_temp.code('91990000M000100Y4'), 'region 99'),
               (pg_temp.code('9135A100M000100Y4'), 'a letter in the region')) AS bad(code, label);
SELECT t.eq(casedesk.file_case(gen_random_uuid(), 'M1', pg_temp.code('12120000MB0123456'),
                               '某事业单位', '', 'window') > 0, true, 'an institution (1 2) in Tianjin');
SELECT t.eq(casedesk.file_case(gen_random_uuid(), 'M1', pg_temp.code('Y1440300MA5F12345'),
                               '某其他组织', '', 'window') > 0, true, 'another kind (Y 1) in Shenzhen');
RESET SESSION AUTHORIZATION;
