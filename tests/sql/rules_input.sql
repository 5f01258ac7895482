-- Bad input: text that would reach another reviewer's terminal, text over
-- its documented length, unknown ids, and unified social credit codes
-- (统一社会信用代码, GB 32100-2015).
\set QUIET on
-- Only failures are worth reading: they go to stderr.
\o /dev/null

-------------------------------------------------------------------------------
-- Notes.
SET SESSION AUTHORIZATION rev_a;
SELECT t.eq(t.refused($$SELECT casedesk.annotate(1, 1, '7f000000-0000-4000-8000-000000000001', E'\x1b[2J清屏')$$,
                      '22023', 'note with an escape sequence'),
            'the note contains control characters (only newline and tab are allowed)', 'ESC note: message');
SELECT t.refused($$SELECT casedesk.annotate(1, 1, '7f000000-0000-4000-8000-000000000002', E'\u009b2J')$$,
                 '22023', 'note with a C1 control (CSI)');
SELECT t.refused($$SELECT casedesk.annotate(1, 1, '7f000000-0000-4000-8000-000000000003', E'a\rb')$$,
                 '22023', 'note with a carriage return');
SELECT t.refused($$SELECT casedesk.annotate(1, 1, '7f000000-0000-4000-8000-000000000004', E'a\x7f')$$,
                 '22023', 'note with DEL');
SELECT t.refused($$SELECT casedesk.annotate(1, 1, '7f000000-0000-4000-8000-000000000005', E'\x07')$$,
                 '22023', 'note with BEL');
SELECT t.refused($$SELECT casedesk.annotate(1, 1, '7f000000-0000-4000-8000-000000000006', NULL)$$,
                 '22023', 'empty note (NULL)');
SELECT t.refused($$SELECT casedesk.annotate(1, 1, '7f000000-0000-4000-8000-000000000007', E' \n\t ')$$,
                 '22023', 'empty note (blanks)');
-- The limit counts characters, not bytes: 4000 Chinese characters are fine.
SELECT t.eq(t.refused($$SELECT casedesk.annotate(1, 1, '7f000000-0000-4000-8000-000000000008', repeat('x', 4001))$$,
                      '22001', 'note of 4001 characters'),
            'the note is 4001 characters long; the limit is 4000', 'long note: message');
SELECT t.refused($$SELECT casedesk.annotate(1, 1, '7f000000-0000-4000-8000-000000000009', repeat('审', 4001))$$,
                 '22001', 'note of 4001 Chinese characters');
SELECT casedesk.annotate(1, 1, '7f000000-0000-4000-8000-000000000010', repeat('审', 4000)) AS long_id \gset
SELECT casedesk.annotate(1, 1, '7f000000-0000-4000-8000-000000000011', E'第一行：材料齐全\n\t第二行：待复核 ✓') AS note_id \gset
RESET SESSION AUTHORIZATION;
SELECT t.eq(body, repeat('审', 4000), 'a 4000-character note is stored whole') FROM casedesk.annotation WHERE id = :long_id;
SELECT t.eq(body, E'第一行：材料齐全\n\t第二行：待复核 ✓', 'newline, tab and Chinese stored exactly'),
       t.eq(author, 'rev_a', 'note author')
  FROM casedesk.annotation WHERE id = :note_id;
SELECT t.eq(count(*), 2::bigint, 'only the two good notes were stored') FROM casedesk.annotation;

-------------------------------------------------------------------------------
-- Reasons and materials.
SET SESSION AUTHORIZATION rev_a;
SELECT casedesk.claim(1, 1, '7f000000-0000-4000-8000-000000000020');
SELECT t.eq(t.refused($$SELECT casedesk.reject(1, 2, '7f000000-0000-4000-8000-000000000021', E'\x1b[2J')$$,
                      '22023', 'reject reason with an escape sequence'),
            'the reason for rejecting contains control characters (only newline and tab are allowed)', 'ESC reason: message');
SELECT t.eq(t.refused($$SELECT casedesk.reject(1, 2, '7f000000-0000-4000-8000-000000000022', repeat('理', 1001))$$,
                      '22001', 'reject reason of 1001 characters'),
            'the reason for rejecting is 1001 characters long; the limit is 1000', 'long reason: message');
SELECT t.refused($$SELECT casedesk.suspend(1, 2, '7f000000-0000-4000-8000-000000000023', E'专家\x1b]0;x\x07评审')$$,
                 '22023', 'suspend reason with an OSC sequence');
SELECT t.refused($$SELECT casedesk.request_supplement(1, 2, '7f000000-0000-4000-8000-000000000024', ARRAY[E'图纸\x1b[31m'], NULL)$$,
                 '22023', 'material name with an escape sequence');
SELECT t.refused($$SELECT casedesk.request_supplement(1, 2, '7f000000-0000-4000-8000-000000000025', ARRAY[repeat('图', 201)], NULL)$$,
                 '22001', 'material name of 201 characters');
SELECT t.refused($$SELECT casedesk.request_supplement(1, 2, '7f000000-0000-4000-8000-000000000026', ARRAY['图纸'], E'\x1b[2J')$$,
                 '22023', 'supplement note with an escape sequence');
SELECT t.refused($$SELECT casedesk.request_supplement(1, 2, '7f000000-0000-4000-8000-000000000027', ARRAY['图纸'], repeat('注', 2001))$$,
                 '22001', 'supplement note of 2001 characters');
SELECT t.eq(r.status, 'rejected', 'a reason of exactly 1000 characters')
  FROM casedesk.reject(1, 2, '7f000000-0000-4000-8000-000000000028', repeat('理', 1000)) r;

-------------------------------------------------------------------------------
-- Unknown ids.
SELECT t.eq(t.refused($$SELECT casedesk.claim(999, 1, '7f000000-0000-4000-8000-000000000030')$$, 'P0002', 'claim item 999'),
            'no item 999', 'unknown item: message');
SELECT t.refused($$SELECT casedesk.approve(999, 1, '7f000000-0000-4000-8000-000000000031')$$, 'P0002', 'approve item 999');
SELECT t.refused($$SELECT casedesk.resume(999, 1, '7f000000-0000-4000-8000-000000000032')$$, 'P0002', 'resume item 999');
SELECT t.refused($$SELECT casedesk.annotate(999, 1, '7f000000-0000-4000-8000-000000000033', '备注')$$, 'P0002', 'annotate item 999');
-- A reviewer hears the same whether the item does not exist or is not theirs.
SELECT t.refused($$SELECT casedesk.escalate('7f000000-0000-4000-8000-000000000034', NULL, 999, NULL, '?')$$, '42501', 'escalate item 999');
SET SESSION AUTHORIZATION win;
SELECT t.refused($$SELECT casedesk.resume(999, 1, '7f000000-0000-4000-8000-000000000035')$$, 'P0002', 'window resumes item 999');
SELECT t.eq(t.refused($$SELECT casedesk.escalate('7f000000-0000-4000-8000-000000000036', 999, NULL, 1::smallint, '?')$$,
                      'P0002', 'escalate case 999'),
            'no case 999', 'unknown case: message');
SELECT t.eq(t.refused($$SELECT casedesk.escalate('7f000000-0000-4000-8000-000000000037', 1, NULL, 9::smallint, '?')$$,
                      'P0002', 'escalate to department 9'),
            'no department 9', 'unknown department: message');
SELECT t.refused($$SELECT casedesk.escalate('7f000000-0000-4000-8000-000000000038', 1, NULL, NULL, '?')$$,
                 'P0002', 'escalate a case to no department');
SELECT t.refused($$SELECT casedesk.escalate('7f000000-0000-4000-8000-000000000039', 1, NULL, 1::smallint, E'\x1b[2J')$$,
                 '22023', 'escalation note with an escape sequence');
SELECT t.refused($$SELECT casedesk.escalate('7f000000-0000-4000-8000-000000000040', 1, NULL, 1::smallint, repeat('问', 2001))$$,
                 '22001', 'escalation note of 2001 characters');
SELECT t.refused($$SELECT casedesk.escalate('7f000000-0000-4000-8000-000000000041', 1, NULL, 1::smallint, '  ')$$,
                 '22023', 'empty escalation note');
SELECT casedesk.escalate('7f000000-0000-4000-8000-000000000042', 1, NULL, 1::smallint, '企业咨询施工许可') AS esc \gset
SET SESSION AUTHORIZATION oncall_a;
SELECT t.refused($$SELECT casedesk.acknowledge(999, 1, '7f000000-0000-4000-8000-000000000043')$$, 'P0002', 'acknowledge escalation 999');
SELECT t.refused(format($$SELECT casedesk.resolve(%s, 1, '7f000000-0000-4000-8000-000000000044', E'\x1b[2J')$$, :esc),
                 '22023', 'answer with an escape sequence');
SELECT t.refused(format($$SELECT casedesk.resolve(%s, 1, '7f000000-0000-4000-8000-000000000045', NULL)$$, :esc),
                 '22023', 'empty answer');
SELECT t.refused(format($$SELECT casedesk.hand_on(%s, 1, '7f000000-0000-4000-8000-000000000046', 9::smallint, NULL, '转')$$, :esc),
                 'P0002', 'hand on to department 9');
SELECT t.refused(format($$SELECT casedesk.hand_on(%s, 1, '7f000000-0000-4000-8000-000000000047', NULL, 'ghost', '转')$$, :esc),
                 'P0002', 'hand on to an unknown login');
SELECT t.refused(format($$SELECT casedesk.hand_on(%s, 1, '7f000000-0000-4000-8000-000000000048', 3::smallint, 'rev_c', '转')$$, :esc),
                 'P0002', 'hand on to a person outside the department named');
SELECT t.refused(format($$SELECT casedesk.hand_on(%s, 1, '7f000000-0000-4000-8000-000000000049', 2::smallint, NULL, E'\x1b[2J')$$, :esc),
                 '22023', 'hand-on note with an escape sequence');
SET SESSION AUTHORIZATION sup;
SELECT t.refused($$SELECT casedesk.reassign(999, 1, '7f000000-0000-4000-8000-000000000050', 'rev_a')$$, 'P0002', 'reassign item 999');

-------------------------------------------------------------------------------
-- Filing a case.
SET SESSION AUTHORIZATION win;
SELECT t.eq(t.refused($$SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000060', 'M9', '91350100M000100Y43', '某公司', '', 'window')$$,
                      'P0002', 'file an unknown matter'),
            'no matter M9', 'unknown matter: message');
SELECT t.eq(t.refused($$SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000061', 'M1', '91350100M000100Y44', '某公司', '', 'window')$$,
                      '22023', 'credit code with a wrong check character'),
            '"91350100M000100Y44" is not a valid unified social credit code', 'bad credit code: message');
SELECT t.refused($$SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000062', 'M1', '91350100M000100Y4', '某公司', '', 'window')$$,
                 '22023', 'credit code of 17 characters');
SELECT t.refused($$SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000063', 'M1', '91350100M000100Y433', '某公司', '', 'window')$$,
                 '22023', 'credit code of 19 characters');
SELECT t.refused($$SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000064', 'M1', '91350100M000100I43', '某公司', '', 'window')$$,
                 '22023', 'credit code with I');
SELECT t.refused($$SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000065', 'M1', '91350100M0O0100Y43', '某公司', '', 'window')$$,
                 '22023', 'credit code with O');
SELECT t.refused($$SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000066', 'M1', '913501A0M000100Y43', '某公司', '', 'window')$$,
                 '22023', 'credit code with a letter in the region code');
SELECT t.refused($$SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000067', 'M1', '', '某公司', '', 'window')$$,
                 '22023', 'empty credit code');
SELECT t.refused($$SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000068', 'M1', NULL, '某公司', '', 'window')$$,
                 '22023', 'no credit code');
SELECT t.refused($$SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000069', 'M1', '91350100M000100Y43', E'某\x1b[2J公司', '', 'window')$$,
                 '22023', 'applicant name with an escape sequence');
SELECT t.refused($$SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000070', 'M1', '91350100M000100Y43', ' ', '', 'window')$$,
                 '22023', 'empty applicant name');
SELECT t.refused($$SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000071', 'M1', '91350100M000100Y43', '某公司', E'\x1b[2J', 'window')$$,
                 '22023', 'project name with an escape sequence');
-- A valid code, typed in lower case with blanks around it, is accepted
-- as the stored applicant's.
SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000072', 'M1', ' 91350100m000100y43 ', '福建某建设有限公司', NULL, 'window') AS case3 \gset
RESET SESSION AUTHORIZATION;
SELECT t.eq(cf.applicant_id, 1::bigint, 'the existing applicant is reused'),
       t.eq(cf.project_name, '', 'no project name'),
       t.eq(cf.received_by, 'win', 'received by the clerk'),
       t.eq(a.credit_code, '91350100M000100Y43', 'the code is stored in capitals')
  FROM casedesk.case_file cf JOIN casedesk.applicant a ON a.id = cf.applicant_id WHERE cf.id = :case3;
SELECT t.eq(array_agg(item_type_id || ':' || status ORDER BY item_type_id), ARRAY['1:pending', '2:pending'],
            'the new case has the matter''s items, in the queue') FROM casedesk.case_item WHERE case_id = :case3;
-- A new applicant with a real code (Huawei's).
SET SESSION AUTHORIZATION win;
SELECT casedesk.file_case('7f000000-0000-4000-8000-000000000073', 'M2', '914403001922038216', '华为技术有限公司', '研发中心', 'online') AS case4 \gset
RESET SESSION AUTHORIZATION;
SELECT t.eq(a.credit_code, '914403001922038216', 'new applicant: code'), t.eq(a.name, '华为技术有限公司', 'new applicant: name')
  FROM casedesk.case_file cf JOIN casedesk.applicant a ON a.id = cf.applicant_id WHERE cf.id = :case4;
SELECT t.eq(array_agg(item_type_id || ':' || status ORDER BY item_type_id), ARRAY['1:pending', '3:waiting'],
            'M2: T3 waits for T1') FROM casedesk.case_item WHERE case_id = :case4;
-- The table refuses a bad code even from the owner's functions.
SELECT t.raises($$INSERT INTO casedesk.applicant (credit_code, name) VALUES ('91350100M000100Y44', 'x')$$,
                '23514', 'the applicant table checks the code itself');

-------------------------------------------------------------------------------
-- The check character. 91350100M00010080 weighs
-- 9*1 + 1*3 + 3*9 + 5*27 + 1*26 + 21(M)*20 + 1*8 + 8*30 = 868 = 28*31,
-- so its check character is 0; for 91350100M000100Y4 the sum is 1640,
-- 1640 mod 31 = 28, 31 - 28 = 3.
SELECT t.eq(casedesk.credit_code_check_char('91350100M00010080'), '0', 'check character 0');
SELECT t.eq(casedesk.credit_code_check_char('91350100M000100Y4'), '3', 'check character 3');
SELECT t.eq(casedesk.credit_code_check_char('91350100M000100Y'), NULL, 'check character of 16 characters');
SELECT t.eq(casedesk.credit_code_check_char('91350100M000100I4'), NULL, 'check character over an I');
SELECT t.eq(casedesk.credit_code_valid(c), true, 'valid: ' || c)
  FROM unnest(ARRAY['91350100M000100Y43', '91110000600037341L', '91350100M000100800',
                    '914403001922038216',    -- 华为技术有限公司
                    '9144030071526726XG',    -- 深圳市腾讯计算机系统有限公司
                    '91330100716105852F']) c; -- 阿里巴巴（中国）有限公司
SELECT t.eq(casedesk.credit_code_valid(c), false, 'invalid: ' || c)
  FROM unnest(ARRAY['91350100M000100Y44', '91350100M000100Y4', '91350100M000100Y433',
                    '91350100m000100y43', '91350100M000100I43', '9135010OM000100Y43',
                    '91350100M000100S43', '91350100M000100V43', '91350100M000100Z43',
                    '913501A0M000100Y43', ' 91350100M000100Y43', '91350100M000100Y4 ',
                    '９1350100M000100Y43', '']) c;
SELECT t.eq(casedesk.credit_code_valid(NULL), NULL, 'no code');
