-- A small, fixed data set every database test starts from (loaded once into
-- casedesk_test by tests/run-suite, then copied per test).
--
-- Departments 1 (建设) and 2 (人防), 3 (人社).
-- Logins:  rev_a, rev_b  reviewers of 1     rev_c   reviewer of 2
--          rev_ab        reviewer of 1 and 2
--          sup           supervisor         oncall_a  on-call for 1
--          win           window clerk       nobody    a login that is not staff
-- Matters: M1 = T1 (dept 1) ∥ T2 (dept 2)      M2 = T1 → T3 (T3 waits for T1)
-- Cases:   case 1 (M1): items 1 (T1), 2 (T2)   case 2 (M2): items 3 (T1), 4 (T3, waiting)
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES ('rev_a', 'casedesk_reviewer'), ('rev_b', 'casedesk_reviewer'),
                                   ('rev_c', 'casedesk_reviewer'), ('rev_ab', 'casedesk_reviewer'),
                                   ('sup', 'casedesk_supervisor'), ('oncall_a', 'casedesk_oncall'),
                                   ('win', 'casedesk_window'), ('nobody', 'casedesk_reviewer')) v(login, job)
    LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r.login) THEN
            EXECUTE format('CREATE ROLE %I LOGIN IN ROLE %I', r.login, r.job);
        END IF;
    END LOOP;
END
$$;

INSERT INTO casedesk.department VALUES
    (1, 'ZJ', '住房和城乡建设局', 'housing and construction'),
    (2, 'RF', '人民防空办公室', 'civil air defence'),
    (3, 'RS', '人力资源和社会保障局', 'human resources and social security');

INSERT INTO casedesk.staff VALUES
    ('rev_a', '王芳', 'reviewer', true),
    ('rev_b', '李静', 'reviewer', true),
    ('rev_c', '张伟', 'reviewer', true),
    ('rev_ab', '刘洋', 'reviewer', true),
    ('sup', '赵磊', 'supervisor', true),
    ('oncall_a', '陈杰', 'oncall', true),
    ('win', '孙丽', 'window', true);
INSERT INTO casedesk.staff_department VALUES
    ('rev_a', 1), ('rev_b', 1), ('rev_c', 2), ('rev_ab', 1), ('rev_ab', 2),
    ('sup', 1), ('sup', 2), ('sup', 3), ('oncall_a', 1);

INSERT INTO casedesk.category VALUES (1, 'project', '项目审批一类事', 'project approval');
INSERT INTO casedesk.item_type VALUES
    (1, 'T1', '建筑工程施工许可', 'construction permit', 1, 5, 'working_days', 0.75),
    (2, 'T2', '新建民用建筑防空地下室审批', 'civil air-defence approval', 2, 3, 'working_days', 0.75),
    (3, 'T3', '竣工验收备案', 'completion filing', 1, 30, 'working_minutes', 0.75);
INSERT INTO casedesk.required_material VALUES
    (1, 1, '施工图设计文件审查合格书'), (1, 2, '建设工程规划许可证'), (2, 1, '人防工程设计图');
INSERT INTO casedesk.rejection_reason VALUES
    (1, 1, '施工图审查未通过'), (1, 2, '规划许可证与申报不符');
INSERT INTO casedesk.matter_type VALUES
    (1, 'M1', '项目开工一件事', 'project start', 1),
    (2, 'M2', '项目竣工一件事', 'project completion', 1);
INSERT INTO casedesk.matter_item VALUES (1, 1), (1, 2), (2, 1), (2, 3);
INSERT INTO casedesk.matter_dependency VALUES (2, 3, 1);

SET SESSION AUTHORIZATION win;
SELECT casedesk.file_case('00000000-0000-4000-8000-000000000001', 'M1', '91350100M000100Y43',
                          '福建某建设有限公司', '滨江花园一期', 'window');
SELECT casedesk.file_case('00000000-0000-4000-8000-000000000002', 'M2', '91110000600037341L',
                          '北京某置业有限公司', '科技园二号楼', 'online');
RESET SESSION AUTHORIZATION;
