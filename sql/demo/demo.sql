-- Demo data for casedesk: a one-window service centre modelled on the
-- Zhengzhou Airport Economy Zone (郑州航空港) report, its staff as login roles,
-- and about 300 cases in every state, with due times relative to the moment
-- of loading. Its departments, matters and guidance knowledge base are the
-- file conf/kb-demo.cfg, which sql/demo/load applies first.
--
-- Run once, as a superuser, in one transaction (sql/demo/load does this).
-- Cases are filed and moved through the action functions as the staff member
-- who would do it, so versions, decisions, notes and the audit trail are the
-- real thing. Everything then happens at the same instant, so the load
-- afterwards moves each action's timestamps back to a plausible moment of
-- business time (the audit rows keep their actors and order; only "at"
-- moves, and only as the owner role, the sanctioned way to touch the trail).
--
-- Schema casedesk_demo (superuser only) holds the generators of company
-- names, credit codes and project names, and the helper that acts as a given
-- login; sql/demo/simulate uses them to keep the queue moving.
SET client_min_messages = warning;

-------------------------------------------------------------------------------
-- Logins. Roles are cluster-wide, so they may survive from an earlier demo
-- database; membership is granted again either way.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES
            -- the people a demo visitor logs in as
            ('wangfang', 'casedesk_reviewer'), ('lijing', 'casedesk_reviewer'),
            ('zhangwei', 'casedesk_reviewer'), ('zhaolei', 'casedesk_supervisor'),
            ('chenjie', 'casedesk_oncall'), ('sunli', 'casedesk_window'),
            -- colleagues the simulator plays
            ('liuyang', 'casedesk_reviewer'), ('zhoumin', 'casedesk_reviewer'),
            ('wujun', 'casedesk_reviewer'), ('huangli', 'casedesk_reviewer'),
            ('xuqiang', 'casedesk_reviewer'), ('gaoyan', 'casedesk_reviewer'),
            ('machao', 'casedesk_oncall'), ('linna', 'casedesk_oncall'),
            ('heping', 'casedesk_window')) v(login, job)
    LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r.login) THEN
            EXECUTE format('CREATE ROLE %I LOGIN', r.login);
        END IF;
        EXECUTE format('GRANT %I TO %I', r.job, r.login);
    END LOOP;
END
$$;

-------------------------------------------------------------------------------
-- Reference data: the departments, matters and guidance knowledge base are
-- conf/kb-demo.cfg, applied by sql/demo/load with `casedesk admin kb apply`
-- before this file runs (as a centre maintains its own).

-------------------------------------------------------------------------------
-- Staff. Every department has at least two reviewers.
INSERT INTO casedesk.staff (login, display_name, job) VALUES
    ('wangfang', '王芳', 'reviewer'),
    ('lijing',   '李静', 'reviewer'),
    ('zhangwei', '张伟', 'reviewer'),
    ('zhaolei',  '赵磊', 'supervisor'),
    ('chenjie',  '陈杰', 'oncall'),
    ('sunli',    '孙丽', 'window'),
    ('liuyang',  '刘洋', 'reviewer'),
    ('zhoumin',  '周敏', 'reviewer'),
    ('wujun',    '吴军', 'reviewer'),
    ('huangli',  '黄丽', 'reviewer'),
    ('xuqiang',  '徐强', 'reviewer'),
    ('gaoyan',   '高燕', 'reviewer'),
    ('machao',   '马超', 'oncall'),
    ('linna',    '林娜', 'oncall'),
    ('heping',   '何平', 'window');

INSERT INTO casedesk.staff_department (login, department_id)
SELECT v.login, d.id FROM (VALUES
    ('wangfang', 'ZJ'), ('wangfang', 'RF'),
    ('lijing', 'RS'), ('lijing', 'GJJ'),
    ('zhangwei', 'SW'), ('zhangwei', 'HG'), ('zhangwei', 'WH'),
    ('chenjie', 'ZJ'), ('chenjie', 'RF'),
    ('liuyang', 'ZJ'), ('liuyang', 'RF'), ('liuyang', 'ZR'),
    ('zhoumin', 'RS'), ('zhoumin', 'GJJ'), ('zhoumin', 'SJ'),
    ('wujun', 'SW'), ('wujun', 'HG'), ('wujun', 'WH'), ('wujun', 'YJ'),
    ('huangli', 'SJ'), ('huangli', 'YJ'), ('huangli', 'ZR'),
    ('xuqiang', 'ZJ'), ('xuqiang', 'ZR'),
    ('gaoyan', 'RS'), ('gaoyan', 'HG'),
    ('machao', 'RS'), ('machao', 'GJJ'), ('machao', 'SW'), ('machao', 'HG'), ('machao', 'WH'),
    ('linna', 'SJ'), ('linna', 'YJ'), ('linna', 'ZR')) AS v(login, code)
  JOIN casedesk.department d USING (code);
INSERT INTO casedesk.staff_department (login, department_id)
SELECT 'zhaolei', id FROM casedesk.department;

-------------------------------------------------------------------------------
-- casedesk_demo: generators and helpers, for this load and for the simulator.
CREATE SCHEMA casedesk_demo;
REVOKE ALL ON SCHEMA casedesk_demo FROM PUBLIC;

-- The logins the simulator may act as; the demo's visitors use the others.
CREATE TABLE casedesk_demo.colleague (login name PRIMARY KEY);
INSERT INTO casedesk_demo.colleague VALUES
    ('liuyang'), ('zhoumin'), ('wujun'), ('huangli'), ('xuqiang'), ('gaoyan'),
    ('machao'), ('linna'), ('heping');

-- How often each matter is filed.
CREATE TABLE casedesk_demo.matter_weight (code text PRIMARY KEY, weight int NOT NULL);
INSERT INTO casedesk_demo.matter_weight VALUES
    ('PRJ-START', 40), ('PRJ-PLAN', 14), ('PRJ-DONE', 14),
    ('EMP-HIRE', 30), ('EMP-OPEN', 14), ('EMP-RETIRE', 10),
    ('TRD-START', 28), ('TRD-FOOD', 12), ('TRD-LIC', 12), ('TRD-TECH', 10),
    ('BIO-DRUG', 12), ('BIO-DEVICE', 12), ('BIO-IMPORT', 12),
    ('FAC-LAND', 14), ('FAC-TALENT', 12), ('FAC-POLICY', 10);

CREATE FUNCTION casedesk_demo.pick(a text[]) RETURNS text
LANGUAGE sql VOLATILE AS $$
    SELECT a[1 + floor(random() * cardinality(a))::int];
$$;

-- A unified social credit code of an enterprise (91) registered in the
-- Zhengzhou area: division code, a 9-character organisation code whose last
-- character is its own GB 11714 check, and the GB 32100 check character.
CREATE FUNCTION casedesk_demo.credit_code() RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    alphabet constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
    weights constant int[] := ARRAY[3, 7, 9, 10, 5, 8, 4, 2];
    org text;
    ch text;
    total int := 0;
    c int;
    first17 text;
BEGIN
    -- Codes issued since 2015 mostly start their organisation part with MA.
    IF random() < 0.75 THEN
        org := 'MA';
        WHILE length(org) < 8 LOOP
            org := org || substr(alphabet, 1 + floor(random() * 31)::int, 1);
        END LOOP;
    ELSE
        org := lpad(floor(random() * 100000000)::bigint::text, 8, '0');
    END IF;
    FOR i IN 1..8 LOOP
        ch := substr(org, i, 1);
        c := CASE WHEN ch BETWEEN '0' AND '9' THEN ascii(ch) - 48 ELSE ascii(ch) - 55 END;
        total := total + c * weights[i];
    END LOOP;
    c := 11 - total % 11;
    org := org || CASE c WHEN 10 THEN 'X' WHEN 11 THEN '0' ELSE c::text END;
    first17 := '91' || casedesk_demo.pick(ARRAY['410173', '410173', '410173', '410100',
                                                 '410122', '410184', '410105']) || org;
    RETURN first17 || casedesk.credit_code_check_char(first17);
END
$$;

-- A company name that fits the category: place + trade name + industry + form.
CREATE FUNCTION casedesk_demo.company_name(category text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    industry text[];
BEGIN
    industry := CASE category
        WHEN 'project'    THEN ARRAY['置业', '建设发展', '房地产开发', '建筑工程', '城市建设投资', '实业']
        WHEN 'employment' THEN ARRAY['电子科技', '智能制造', '精密电子', '汽车零部件', '物流', '新能源科技', '光电科技']
        WHEN 'trade'      THEN ARRAY['国际贸易', '进出口贸易', '供应链管理', '跨境电子商务', '汽车贸易', '食品']
        WHEN 'biomed'     THEN ARRAY['生物医药', '医疗器械', '生物工程', '药业', '医疗科技', '生物科技']
        ELSE                   ARRAY['实业', '新材料科技', '信息技术', '产业园开发', '人力资源服务', '科技发展']
    END;
    RETURN casedesk_demo.pick(ARRAY['郑州', '郑州', '河南', '河南', '中原', '郑州航空港', '郑州临空', '河南省'])
        || casedesk_demo.pick(ARRAY['杰瑞', '鑫源', '华骏', '瑞达', '恒信', '宏图', '博远', '嘉禾', '天成',
                                    '金港', '汇通', '安泰', '康宁', '德润', '志远', '启航', '润禾', '晟达',
                                    '凯瑞', '鼎盛', '合创', '海纳', '丰泽', '中恒', '豫港', '航发', '智联',
                                    '云帆', '盛华', '万汇', '新锐', '远景', '立信', '腾飞', '铭泰', '正弘',
                                    '卓越', '华耀', '天瑞', '信和', '景泰', '力拓', '同创', '佳美', '华夏'])
        || casedesk_demo.pick(industry)
        || CASE WHEN random() < 0.82 THEN '有限公司'
                WHEN random() < 0.8 THEN '股份有限公司' ELSE '有限责任公司' END;
END
$$;

CREATE FUNCTION casedesk_demo.project_name(matter text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    area constant text[] := ARRAY['航空港区', '双鹤湖片区', '中原医学科学城', '园博园片区', '航空港南区',
                                  '临空生物医药园', '郑港智慧物流园', '电子信息产业园', '新港大道'];
    phase constant text[] := ARRAY['', '', '一期', '二期', '三期'];
BEGIN
    RETURN CASE matter
        WHEN 'PRJ-START' THEN casedesk_demo.pick(area) || casedesk_demo.pick(ARRAY[
                '智能终端生产基地', '标准化厂房', '研发中心', '人才公寓', '安置小区', '新能源汽车零部件产业园',
                '冷链物流中心', '综合办公楼', '数据中心', '门诊医技楼', '九年制学校', '商业综合体'])
            || casedesk_demo.pick(phase::text[]) || '项目'
        WHEN 'PRJ-PLAN' THEN casedesk_demo.pick(area) || casedesk_demo.pick(ARRAY[
                '电子元器件厂房', '保障性租赁住房', '仓储物流园', '医疗器械产业园', '邻里中心'])
            || casedesk_demo.pick(phase::text[]) || '项目'
        WHEN 'PRJ-DONE' THEN casedesk_demo.pick(area) || casedesk_demo.pick(ARRAY[
                '安置小区', '标准化厂房', '人才公寓', '商务楼宇', '实验楼']) || casedesk_demo.pick(phase::text[])
            || '竣工验收'
        WHEN 'FAC-LAND' THEN casedesk_demo.pick(area) || casedesk_demo.pick(ARRAY['A', 'B', 'C', 'D'])
            || (1 + floor(random() * 40))::int || '地块工业用地'
        WHEN 'EMP-HIRE' THEN '新员工招用（' || (8 + floor(random() * 400))::int || '人）'
        WHEN 'EMP-OPEN' THEN '新设企业开办（注册资本' || (1 + floor(random() * 50))::int * 100 || '万元）'
        WHEN 'EMP-RETIRE' THEN '职工退休（' || (1 + floor(random() * 6))::int || '人）'
        WHEN 'TRD-START' THEN '外贸经营资质办理'
        WHEN 'TRD-FOOD' THEN casedesk_demo.pick(ARRAY['速冻水饺', '辣椒制品', '冷冻禽肉', '烘焙食品', '大蒜制品', '方便面'])
            || '出口'
        WHEN 'TRD-LIC' THEN casedesk_demo.pick(ARRAY['钢材出口许可', '机电产品进口许可', '汽车整车出口许可', '二手机电设备进口'])
        WHEN 'TRD-TECH' THEN casedesk_demo.pick(ARRAY['芯片封装技术引进', '动力电池技术许可', '显示面板工艺技术引进', '智能网联软件出口'])
        WHEN 'BIO-DRUG' THEN casedesk_demo.pick(ARRAY['药品批发企业开办', '医药物流配送中心', '互联网药品销售'])
        WHEN 'BIO-DEVICE' THEN casedesk_demo.pick(ARRAY['一次性使用无菌注射器', '医用防护口罩', '血糖仪', '电子血压计', '医用敷料', '输液器'])
            || '注册及生产'
        WHEN 'BIO-IMPORT' THEN casedesk_demo.pick(ARRAY['抗肿瘤药品', '生物制品', '罕见病用药', '胰岛素制剂']) || '进口通关'
        WHEN 'FAC-TALENT' THEN '高层次人才引进（' || (1 + floor(random() * 12))::int || '人）'
        WHEN 'FAC-POLICY' THEN to_char(now(), 'YYYY') || '年度稳岗返还及外经贸资金'
        ELSE ''
    END;
END
$$;

-- What a window clerk files next: a matter by its weight, and an applicant
-- of the matter's category (now and then one that has filed before).
CREATE FUNCTION casedesk_demo.make_filing(OUT matter text, OUT code text, OUT firm text,
                                          OUT project text, OUT chan casedesk.channel)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    cat text;
    cat_id smallint;
BEGIN
    SELECT w.code, c.code, c.id INTO matter, cat, cat_id
      FROM casedesk_demo.matter_weight w
      JOIN casedesk.matter_type m ON m.code = w.code
      JOIN casedesk.category c ON c.id = m.category_id
     ORDER BY -ln(1 - random()) / w.weight
     LIMIT 1;
    IF random() < 0.25 THEN
        SELECT a.credit_code, a.name INTO code, firm
          FROM casedesk.applicant a
         WHERE EXISTS (SELECT FROM casedesk.case_file cf
                         JOIN casedesk.matter_type m ON m.id = cf.matter_type_id
                        WHERE cf.applicant_id = a.id AND m.category_id = cat_id)
         ORDER BY random() LIMIT 1;
    END IF;
    WHILE code IS NULL LOOP
        code := casedesk_demo.credit_code();
        firm := casedesk_demo.company_name(cat);
        IF EXISTS (SELECT FROM casedesk.applicant a WHERE a.credit_code = code OR a.name = firm) THEN
            code := NULL;
        END IF;
    END LOOP;
    project := casedesk_demo.project_name(matter);
    chan := CASE WHEN random() < 0.35 THEN 'online' ELSE 'window' END;
END
$$;

-- The on-call person who answers for a department.
CREATE FUNCTION casedesk_demo.oncall_for(dept smallint) RETURNS name
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN code IN ('ZJ', 'RF') THEN 'chenjie'
                WHEN code IN ('RS', 'GJJ', 'SW', 'HG', 'WH') THEN 'machao' ELSE 'linna' END::name
      FROM casedesk.department WHERE id = dept;
$$;

-- A reviewer's note that fits the department.
CREATE FUNCTION casedesk_demo.note_for(dept smallint) RETURNS text
LANGUAGE sql VOLATILE AS $$
    SELECT casedesk_demo.pick(ARRAY[
        '已电话联系申请人，补正材料预计明日送达。',
        '申请人到窗口询问进度，已告知预计办结时间。',
        '材料已按联合辅导知识库预审，原件待窗口核验。',
        '法定代表人出差，授权委托书后补。'] || CASE (SELECT code FROM casedesk.department WHERE id = dept)
        WHEN 'ZJ' THEN ARRAY['图纸面积与规划许可证附图不一致，已请设计单位核实。', '现场踏勘已完成，未发现问题。',
                          '申请人要求加急，开工时间已定。', '重点项目，已纳入专属二维码跟踪，请优先办理。']
        WHEN 'RF' THEN ARRAY['与住建局并联审查，人防部分意见今天反馈。', '防护单元划分已与设计单位沟通。',
                          '重点项目，已纳入专属二维码跟踪，请优先办理。']
        WHEN 'RS' THEN ARRAY['社保缴费记录比对正常。', '新招用人员名单与参保信息一致。',
                          '劳务派遣人员是否适用补贴，已请示科室负责人。']
        WHEN 'GJJ' THEN ARRAY['缴存基数已按最低工资标准核对。', '单位信息与营业执照一致。']
        WHEN 'SW' THEN ARRAY['企业经远程辅导申报，材料一次齐全。', '经营范围变更已完成，可继续办理备案。']
        WHEN 'HG' THEN ARRAY['备案信息已与商务备案核对，一致。', '企业经远程辅导申报，材料一次齐全。',
                          '电子口岸卡可与收发货人备案同日办结。']
        WHEN 'WH' THEN ARRAY['名录登记信息已与商务备案核对。', '外方出资来源证明待补充说明。']
        WHEN 'SJ' THEN ARRAY['企业名称已通过自主申报查重。', '经营场所已现场核查。']
        WHEN 'YJ' THEN ARRAY['冷链仓储设施现场检查安排在下周一。', '检验报告已在线核验真伪。', '注册检验样品已送检。']
        WHEN 'ZR' THEN ARRAY['宗地界址点已复核。', '土地超市挂牌信息已同步。', '容积率与规划条件一致。']
        ELSE ARRAY[]::text[] END);
$$;

-- Runs one statement as the given login (session_user is what the action
-- functions check) and returns its single value as text. An error leaves
-- the session as it was: the failed subtransaction undoes the switch.
CREATE FUNCTION casedesk_demo.act(who name, q text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    r text;
BEGIN
    EXECUTE format('SET SESSION AUTHORIZATION %I', who);
    EXECUTE q INTO r;
    RESET SESSION AUTHORIZATION;
    RETURN r;
END
$$;

-- k instants of business time in [a, b], sorted; plain time when [a, b]
-- holds less business time than that. An instant lies inside a working
-- minute: add_working_minutes() gives the minute's start (the next opening
-- at a block's end), and the seconds added stay within it.
CREATE FUNCTION casedesk_demo.biz_points(a timestamptz, b timestamptz, k int)
RETURNS timestamptz[]
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    m int;
    r timestamptz[];
BEGIN
    IF b <= a THEN
        RETURN array_fill(a, ARRAY[k]);
    END IF;
    m := casedesk.working_minutes_between(a, b);
    IF m < k + 2 THEN
        SELECT array_agg(a + (b - a) * u ORDER BY u) INTO r
          FROM (SELECT random() AS u FROM generate_series(1, k)) x;
        RETURN r;
    END IF;
    SELECT array_agg(y.t ORDER BY y.t) INTO r
      FROM (SELECT least(casedesk.add_working_minutes(a, 1 + floor(random() * (m - 2))::int)
                         + random() * interval '50 seconds', b) AS t
              FROM generate_series(1, k)) y;
    RETURN r;
END
$$;

-- A reviewer of the department; with probability visitor_share one of the
-- visitors' logins when the department has one.
CREATE FUNCTION casedesk_demo.reviewer_for(dept smallint, visitor_share float8) RETURNS name
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    r name;
BEGIN
    IF random() < visitor_share THEN
        SELECT s.login INTO r FROM casedesk.staff s JOIN casedesk.staff_department sd USING (login)
         WHERE sd.department_id = dept AND s.job = 'reviewer' AND s.active
           AND s.login NOT IN (SELECT login FROM casedesk_demo.colleague)
         ORDER BY random() LIMIT 1;
        IF r IS NOT NULL THEN
            RETURN r;
        END IF;
    END IF;
    SELECT s.login INTO r FROM casedesk.staff s JOIN casedesk.staff_department sd USING (login)
     WHERE sd.department_id = dept AND s.job = 'reviewer' AND s.active
     ORDER BY random() LIMIT 1;
    RETURN r;
END
$$;

-------------------------------------------------------------------------------
-- Seeding helpers, dropped at the end of the load. Every action of the load
-- runs inside this one transaction, so "= now()" finds what has not been
-- moved back in time yet.

-- Moves the audit row (and the decision row, if any) the last action on an
-- item wrote to the instant ts.
CREATE FUNCTION casedesk_demo.stamp(p_item bigint, p_action text, ts timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    SET LOCAL ROLE casedesk_owner;
    UPDATE casedesk.audit SET at = ts
     WHERE item_id = p_item AND action = p_action AND at = now();
    RESET ROLE;
    UPDATE casedesk.decision SET decided_at = ts
     WHERE item_id = p_item AND decided_at = now()
       AND kind = CASE p_action WHEN 'request_supplement' THEN 'supplement' ELSE p_action END;
END
$$;

-- The same for an escalation's audit row.
CREATE FUNCTION casedesk_demo.stamp_escalation(esc bigint, p_action text, ts timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    SET LOCAL ROLE casedesk_owner;
    UPDATE casedesk.audit SET at = ts
     WHERE escalation_id = esc AND action = p_action AND at = now();
    RESET ROLE;
END
$$;

-- When the item's latest step, already dated, happened.
CREATE FUNCTION casedesk_demo.last_at(p_item bigint) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
    SELECT max(at) FROM casedesk.audit WHERE item_id = p_item AND at < now();
$$;

-- Plays one item's story up to now, as its reviewer, and dates each step.
-- Plans: claim; approve, reject (on time), late_approve; supplement and
-- suspend (still paused); resumed (material back, claimed again);
-- supp_approve, supp_reject (decided after a supplement round).
CREATE FUNCTION casedesk_demo.play(p_item bigint, plan text, reviewer name) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    ci casedesk.case_item;
    lease interval := (SELECT claim_lease FROM casedesk.setting);
    t_now timestamptz := now();
    e timestamptz;
    pts timestamptz[];
    tc timestamptz;
    tp timestamptz;
    tr timestamptz;
    td timestamptz;
    pm int;
    v int;
    mats text[];
    clerk name;
BEGIN
    SELECT * INTO ci FROM casedesk.case_item WHERE id = p_item;
    e := ci.entered_at;
    v := ci.version;

    CASE plan
    WHEN 'claim' THEN
        -- Taken before the item turned yellow, if it has; else recently.
        IF t_now >= ci.yellow_at THEN
            tc := (casedesk_demo.biz_points(e, ci.yellow_at, 1))[1];
        ELSE
            tc := (casedesk_demo.biz_points(greatest(e, t_now - interval '3 hours'), t_now, 1))[1];
        END IF;
    WHEN 'approve', 'reject' THEN
        pts := casedesk_demo.biz_points(e, least(t_now, ci.due_at), 2);
        tc := pts[1]; td := pts[2];
    WHEN 'late_approve' THEN
        tc := (casedesk_demo.biz_points(e, ci.due_at, 1))[1];
        td := (casedesk_demo.biz_points(ci.due_at, t_now, 1))[1];
    WHEN 'supplement', 'suspend' THEN
        pts := casedesk_demo.biz_points(e, least(t_now, ci.due_at), 2);
        tc := pts[1]; tp := pts[2];
    WHEN 'resumed' THEN
        pts := casedesk_demo.biz_points(e, least(t_now, ci.due_at), 2);
        tc := pts[1]; tp := pts[2];
        tr := (casedesk_demo.biz_points(greatest(tp, t_now - interval '3 hours'), t_now, 1))[1];
    WHEN 'supp_approve', 'supp_reject' THEN
        pts := casedesk_demo.biz_points(e, least(t_now, ci.due_at), 2);
        tc := pts[1]; tp := pts[2];
        pts := casedesk_demo.biz_points(tp, t_now, 2);
        tr := pts[1]; td := pts[2];
    ELSE
        RETURN;
    END CASE;

    v := casedesk_demo.act(reviewer, format(
        'SELECT (casedesk.claim(%s, %s, gen_random_uuid())).version', p_item, v))::int;
    PERFORM casedesk_demo.stamp(p_item, 'claim', tc);

    IF plan IN ('supplement', 'resumed', 'supp_approve', 'supp_reject') THEN
        SELECT array_agg(name) INTO mats FROM (
            SELECT name FROM casedesk.required_material WHERE item_type_id = ci.item_type_id
             ORDER BY random() LIMIT 1 + floor(random() * 2)::int) m;
        v := casedesk_demo.act(reviewer, format(
            'SELECT (casedesk.request_supplement(%s, %s, gen_random_uuid(), %L::text[], %L)).version',
            p_item, v, mats, casedesk_demo.pick(ARRAY[
                '请按清单补正后提交，补正期间不计入办理时限。',
                '原件与扫描件不一致，请携带原件到窗口核验。',
                '材料缺页，请补齐后重新提交。',
                NULL])))::int;
        PERFORM casedesk_demo.stamp(p_item, 'request_supplement', tp);
    ELSIF plan = 'suspend' THEN
        v := casedesk_demo.act(reviewer, format(
            'SELECT (casedesk.suspend(%s, %s, gen_random_uuid(), %L)).version',
            p_item, v, casedesk_demo.pick(ARRAY[
                '组织专家评审，特别程序期间不计入办理时限。',
                '需现场核查，已约定核查时间。',
                '涉及规划条件调整，待规委会审议。'])))::int;
        PERFORM casedesk_demo.stamp(p_item, 'suspend', tp);
    END IF;

    IF plan IN ('resumed', 'supp_approve', 'supp_reject') THEN
        -- The material arrives at the window, now and then straight at the
        -- reviewer's desk.
        clerk := CASE WHEN random() < 0.7 THEN 'sunli' ELSE reviewer END;
        v := casedesk_demo.act(clerk, format(
            'SELECT (casedesk.resume(%s, %s, gen_random_uuid())).version', p_item, v))::int;
        PERFORM casedesk_demo.stamp(p_item, 'resume', tr);
        pm := casedesk.working_minutes_between(tp, tr);
    END IF;

    IF plan IN ('approve', 'late_approve', 'supp_approve') THEN
        PERFORM casedesk_demo.act(reviewer, format(
            'SELECT (casedesk.approve(%s, %s, gen_random_uuid())).version', p_item, v));
        PERFORM casedesk_demo.stamp(p_item, 'approve', td);
    ELSIF plan IN ('reject', 'supp_reject') THEN
        PERFORM casedesk_demo.act(reviewer, format(
            'SELECT (casedesk.reject(%s, %s, gen_random_uuid(), %L)).version', p_item, v,
            (SELECT reason FROM casedesk.rejection_reason WHERE item_type_id = ci.item_type_id
              ORDER BY random() LIMIT 1)));
        PERFORM casedesk_demo.stamp(p_item, 'reject', td);
    END IF;

    -- The item as it would be had each step happened at its own time: a
    -- pause moves due and yellow by the business time it lasted, as
    -- casedesk.resume_clock does.
    UPDATE casedesk.case_item SET
        claim_expires = CASE WHEN claim_expires IS NULL THEN NULL
                             ELSE coalesce(tr, tc) + lease END,
        paused_at = CASE WHEN paused_at IS NULL THEN NULL ELSE tp END,
        paused_minutes = coalesce(pm, 0),
        due_at = CASE WHEN pm IS NULL THEN ci.due_at
                      ELSE casedesk.add_working_minutes(ci.due_at, pm) END,
        yellow_at = CASE WHEN pm IS NULL THEN ci.yellow_at
                         ELSE casedesk.add_working_minutes(ci.yellow_at, pm) END,
        decided_at = CASE WHEN decided_at IS NULL THEN NULL ELSE td END,
        updated_at = coalesce(td, tr, tp, tc)
     WHERE id = p_item;
END
$$;

-- Which story an item gets, from how much of its time is used up now.
CREATE FUNCTION casedesk_demo.choose_plan(ci casedesk.case_item, unit casedesk.limit_unit,
                                          long_limit boolean) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    r float8 := random();
    used float8;
    done float8;
BEGIN
    IF now() >= ci.due_at THEN
        RETURN CASE WHEN r < 0.77 THEN 'approve' WHEN r < 0.80 THEN 'late_approve'
                    WHEN r < 0.825 THEN 'reject' WHEN r < 0.85 THEN 'supp_approve'
                    WHEN r < 0.855 THEN 'supp_reject' WHEN r < 0.89 THEN 'supplement'
                    WHEN r < 0.95 THEN 'claim' ELSE 'pending' END;
    ELSIF now() >= ci.yellow_at THEN
        RETURN CASE WHEN r < 0.34 THEN 'approve' WHEN r < 0.36 THEN 'reject'
                    WHEN r < 0.42 THEN 'supplement' WHEN r < 0.45 THEN 'resumed'
                    WHEN r < 0.80 THEN 'claim' ELSE 'pending' END;
    END IF;
    IF unit = 'calendar_hours' THEN
        used := extract(epoch FROM now() - ci.entered_at)
              / greatest(extract(epoch FROM ci.due_at - ci.entered_at), 1);
    ELSE
        used := casedesk.working_minutes_between(ci.entered_at, now())::float8
              / greatest(casedesk.working_minutes_between(ci.entered_at, ci.due_at), 1);
    END IF;
    done := 0.6 * used;
    IF r < done * 0.96 THEN
        RETURN 'approve';
    ELSIF r < done THEN
        RETURN 'reject';
    END IF;
    r := random();
    RETURN CASE WHEN r < 0.07 THEN 'supplement' WHEN r < 0.09 THEN 'resumed'
                WHEN r < 0.11 AND long_limit THEN 'suspend'
                WHEN r < 0.12 THEN 'supp_approve'
                WHEN r < 0.42 THEN 'claim' ELSE 'pending' END;
END
$$;

-------------------------------------------------------------------------------
-- The cases.
DO $seed$
DECLARE
    t_now constant timestamptz := now();
    tz text := (SELECT time_zone FROM casedesk.centre);
    window_start timestamptz;
    window_minutes int;
    f record;
    c record;
    s record;
    cid bigint;
    plan text;
    t timestamptz;
    eid bigint;
    ev int;
    n int;
BEGIN
    PERFORM setseed(0.2025);
    CREATE TEMP TABLE demo_done (item_id bigint PRIMARY KEY) ON COMMIT DROP;

    -- Filing instants: business time over the last six weeks, most of them
    -- recent (a working-minute offset from now drawn as u^2.2). Each falls
    -- some seconds before the end of its working minute, so inside it: the
    -- end of a block's last minute is its closing time, and seconds after
    -- it, or "two minutes ago" at night, would be outside business hours.
    -- The window starts on a whole minute, as blocks do: a minute counted
    -- from 14:40:27 would straddle 17:00 and end at 09:00:27.
    window_start := date_trunc('minute', t_now - interval '42 days');
    window_minutes := casedesk.working_minutes_between(window_start, t_now);
    CREATE TEMP TABLE demo_filing ON COMMIT DROP AS
    SELECT casedesk.add_working_minutes(window_start,
               window_minutes - 3 - floor((window_minutes - 4) * power(random(), 2.2))::int)
           - (5 + random() * 50) * interval '1 second' AS received
      FROM generate_series(1, 300);

    -- 1. The window files every case (in time order, so that case numbers
    -- grow with the date), dated back to its filing instant.
    FOR f IN SELECT received FROM demo_filing ORDER BY received LOOP
        SELECT * INTO c FROM casedesk_demo.make_filing();
        cid := casedesk_demo.act('sunli', format(
            'SELECT casedesk.file_case(gen_random_uuid(), %L, %L, %L, %L, %L)',
            c.matter, c.code, c.firm, c.project, c.chan))::bigint;
        UPDATE casedesk.case_file
           SET received_at = f.received,
               case_no = to_char(f.received AT TIME ZONE tz, 'YYYYMMDD') || substr(case_no, 9)
         WHERE id = cid;
        UPDATE casedesk.case_item ci
           SET entered_at = f.received,
               due_at = casedesk.sla_due(f.received, ci.limit_value, ci.limit_unit),
               original_due_at = casedesk.sla_due(f.received, ci.limit_value, ci.limit_unit),
               yellow_at = casedesk.sla_yellow_at(f.received,
                               casedesk.sla_due(f.received, ci.limit_value, ci.limit_unit),
                               ci.yellow_fraction, ci.limit_unit),
               updated_at = f.received
         WHERE ci.case_id = cid AND ci.status = 'pending';
        UPDATE casedesk.case_item SET updated_at = f.received
         WHERE case_id = cid AND status = 'waiting';
        SET LOCAL ROLE casedesk_owner;
        UPDATE casedesk.audit SET at = f.received WHERE case_id = cid AND action = 'file_case';
        RESET ROLE;
    END LOOP;

    -- 2. Reviewers work the queue. Approvals let waiting items in, which
    -- then get their own turn; four rounds cover the longest chain.
    FOR round IN 1..4 LOOP
        FOR s IN
            SELECT ci.*, (ci.limit_unit = 'working_days' AND ci.limit_value >= 10) AS long_limit
              FROM casedesk.case_item ci
             WHERE ci.status = 'pending'
               AND NOT EXISTS (SELECT FROM demo_done d WHERE d.item_id = ci.id)
             ORDER BY ci.entered_at, ci.id
        LOOP
            INSERT INTO demo_done VALUES (s.id);
            plan := casedesk_demo.choose_plan(
                jsonb_populate_record(NULL::casedesk.case_item, to_jsonb(s)), s.limit_unit, s.long_limit);
            PERFORM casedesk_demo.play(s.id, plan, casedesk_demo.reviewer_for(s.department_id,
                CASE plan WHEN 'claim' THEN 0.0 WHEN 'supplement' THEN 0.3 WHEN 'resumed' THEN 0.3
                          ELSE 0.2 END));
        END LOOP;

        -- Items let in by this round's approvals entered the queue when the
        -- last item they waited for was approved.
        FOR s IN
            SELECT ci.id, ci.limit_value, ci.limit_unit, ci.yellow_fraction,
                   (SELECT max(p.decided_at)
                      FROM casedesk.matter_dependency d
                      JOIN casedesk.case_item p ON p.case_id = ci.case_id
                                               AND p.item_type_id = d.after_item_id
                     WHERE d.matter_type_id = cf.matter_type_id
                       AND d.item_type_id = ci.item_type_id) AS released
              FROM casedesk.case_item ci
              JOIN casedesk.case_file cf ON cf.id = ci.case_id
             WHERE ci.status = 'pending' AND ci.entered_at = t_now
        LOOP
            t := casedesk.sla_due(s.released, s.limit_value, s.limit_unit);
            UPDATE casedesk.case_item
               SET entered_at = s.released, due_at = t, original_due_at = t,
                   yellow_at = casedesk.sla_yellow_at(s.released, t, s.yellow_fraction, s.limit_unit),
                   updated_at = s.released
             WHERE id = s.id;
            PERFORM casedesk_demo.stamp(s.id, 'enter_queue', s.released);
        END LOOP;
    END LOOP;

    -- The console lists an item's history in audit order, so every step
    -- from here on is dated after the item's latest audit row (demo_last_at).

    -- 3. The alarms the sweep (060_sla_watch.sql) raised as items turned
    -- yellow or red, dated to the crossing (or to the item's latest step, if
    -- that came later). On-call staff took most of them within a couple of
    -- minutes and closed the older ones; any still inside their 3 minutes
    -- stay open, and two past them are left for the first sweep to move up
    -- a level.
    IF to_regprocedure('casedesk.sweep()') IS NOT NULL THEN
        PERFORM casedesk_demo.act('zhaolei', 'SELECT casedesk.sweep()');
        n := 0;
        FOR s IN
            SELECT e.id, e.kind, e.department_id, e.version,
                   greatest(CASE e.kind WHEN 'yellow' THEN ci.yellow_at ELSE ci.due_at END,
                            casedesk_demo.last_at(ci.id) + interval '1 second') AS raised,
                   casedesk_demo.oncall_for(e.department_id) AS oncall
              FROM casedesk.escalation e JOIN casedesk.case_item ci ON ci.id = e.item_id
             WHERE e.source = 'sweep' AND e.raised_at = t_now
             ORDER BY 5
        LOOP
            t := casedesk.add_working_minutes(s.raised,
                     (SELECT response_minutes FROM casedesk.escalation_kind k WHERE k.kind = s.kind));
            UPDATE casedesk.escalation SET raised_at = s.raised, respond_by = t WHERE id = s.id;
            PERFORM casedesk_demo.stamp_escalation(s.id, 'sweep_' || s.kind, s.raised);
            CONTINUE WHEN t > t_now;
            IF n < 2 AND random() < 0.1 THEN
                n := n + 1;
                CONTINUE;
            END IF;
            t := least(casedesk.add_working_minutes(s.raised, 1) + random() * interval '100 seconds',
                       t_now - interval '1 second');
            PERFORM casedesk_demo.act(s.oncall,
                format('SELECT casedesk.acknowledge(%s, %s, gen_random_uuid())', s.id, s.version));
            UPDATE casedesk.escalation SET acknowledged_at = t WHERE id = s.id;
            PERFORM casedesk_demo.stamp_escalation(s.id, 'acknowledge', t);
            CONTINUE WHEN t > t_now - interval '2 hours';
            t := t + interval '6 minutes' + random() * interval '20 minutes';
            PERFORM casedesk_demo.act(s.oncall,
                format('SELECT casedesk.resolve(%s, %s, gen_random_uuid(), %L)', s.id, s.version + 1,
                       casedesk_demo.pick(ARRAY['已督促承办人加快办理。', '已电话提醒承办人，今日办结。',
                                                '承办人已说明原因：等待并联部门意见。'])));
            UPDATE casedesk.escalation SET resolved_at = t WHERE id = s.id;
            PERFORM casedesk_demo.stamp_escalation(s.id, 'resolve', t);
        END LOOP;
    END IF;

    -- 4. Claims taken before an item turned yellow have lapsed (a lease is
    -- 4 hours); most reviewers took theirs again today.
    FOR s IN
        SELECT ci.* FROM casedesk.case_item ci
         WHERE ci.status = 'claimed' AND ci.claim_expires < t_now AND random() < 0.7
    LOOP
        t := (casedesk_demo.biz_points(greatest(casedesk_demo.last_at(s.id), t_now - interval '3 hours'),
                                       t_now, 1))[1];
        PERFORM casedesk_demo.act(s.assignee, format(
            'SELECT casedesk.claim(%s, %s, gen_random_uuid())', s.id, s.version));
        PERFORM casedesk_demo.stamp(s.id, 'claim', t);
        UPDATE casedesk.case_item SET claim_expires = t + (SELECT claim_lease FROM casedesk.setting),
                                      updated_at = t
         WHERE id = s.id;
    END LOOP;

    -- 5. The supervisor moves two overdue items, claimed by colleagues, to
    -- 王芳.
    FOR s IN
        SELECT ci.* FROM casedesk.case_item ci
         WHERE ci.department_id IN (SELECT id FROM casedesk.department WHERE code IN ('ZJ', 'RF'))
           AND ci.status = 'claimed' AND ci.due_at < t_now
           AND ci.assignee IN (SELECT login FROM casedesk_demo.colleague)
         ORDER BY ci.due_at LIMIT 2
    LOOP
        t := least(greatest(casedesk_demo.last_at(s.id) + interval '1 minute', t_now - interval '40 minutes'),
                   t_now - interval '30 seconds');
        PERFORM casedesk_demo.act('zhaolei', format(
            'SELECT casedesk.reassign(%s, %s, gen_random_uuid(), %L)', s.id, s.version, 'wangfang'));
        PERFORM casedesk_demo.stamp(s.id, 'reassign', t);
        UPDATE casedesk.case_item SET claim_expires = t + (SELECT claim_lease FROM casedesk.setting),
                                      updated_at = t
         WHERE id = s.id;
    END LOOP;

    -- 6. Notes on some open items, by whoever works on them.
    FOR s IN
        SELECT ci.* FROM casedesk.case_item ci
         WHERE ci.status IN ('pending', 'claimed', 'supplement', 'suspended') AND random() < 0.2
    LOOP
        t := (casedesk_demo.biz_points(casedesk_demo.last_at(s.id), t_now, 1))[1];
        PERFORM casedesk_demo.act(coalesce(s.assignee, casedesk_demo.reviewer_for(s.department_id, 0.3)),
            format('SELECT casedesk.annotate(%s, %s, gen_random_uuid(), %L)', s.id, s.version,
                   casedesk_demo.note_for(s.department_id)));
        UPDATE casedesk.annotation SET created_at = t WHERE item_id = s.id AND created_at = t_now;
        PERFORM casedesk_demo.stamp(s.id, 'annotate', t);
    END LOOP;

    -- 7. Questions from the windows (the 3-minute rule). For 陈杰 (建设,
    -- 人防): one just in, one past its response time, one acknowledged, one
    -- answered; elsewhere a few for 马超 and 林娜.
    FOR s IN
        WITH q0(ord, code, age, state, note, answer) AS (VALUES
            (1, 'ZJ', interval '40 seconds', 'open', '申请人在窗口询问施工许可办理进度，现场等候答复。', NULL),
            (2, 'RF', interval '6 minutes', 'open', '企业反映人防审批意见与规划条件冲突，请部门尽快答复。', NULL),
            (3, 'ZJ', interval '25 minutes', 'acknowledged', '企业急需施工许可证办理开工手续，询问能否当日办结。', NULL),
            (4, 'RF', interval '75 minutes', 'resolved', '申请人咨询防空地下室易地建设费的计算标准，窗口无法解答。',
                '已电话回复申请人：按应建面积和当地收费标准计算，明细已发至企业邮箱。'),
            (5, 'RS', interval '2 minutes', 'open', '企业询问一次性吸纳就业补贴对劳务派遣人员是否适用。', NULL),
            (6, 'HG', interval '50 minutes', 'acknowledged', '外贸企业询问电子口岸卡与收发货人备案能否同日办结。', NULL),
            (7, 'SW', interval '90 minutes', 'resolved', '申请人对补正材料清单有疑问，请部门说明。',
                '已与申请人视频连线逐项说明，补正材料下午送达。'),
            (8, 'YJ', interval '1 minute', 'open', '企业询问第二类医疗器械经营备案能否与药品经营许可一并办理。', NULL),
            (9, 'ZR', interval '65 minutes', 'resolved', '企业询问土地超市挂牌地块的投资强度要求。',
                '已告知投资强度标准，并推送地块清单。')),
        q AS (SELECT q0.ord, d.id AS dept, q0.age, q0.state, q0.note, q0.answer
                FROM q0 JOIN casedesk.department d USING (code))
        SELECT q.*,
               casedesk_demo.oncall_for(q.dept) AS oncall,
               (SELECT ci.id FROM casedesk.case_item ci
                 WHERE ci.department_id = q.dept AND ci.status IN ('pending', 'claimed')
                   AND casedesk_demo.last_at(ci.id) < now() - q.age
                 ORDER BY ci.due_at OFFSET q.ord / 3 LIMIT 1) AS item
          FROM q ORDER BY q.ord
    LOOP
        CONTINUE WHEN s.item IS NULL;
        t := t_now - s.age;
        eid := casedesk_demo.act('sunli', format(
            'SELECT casedesk.escalate(gen_random_uuid(), NULL, %s, NULL, %L)', s.item, s.note))::bigint;
        UPDATE casedesk.escalation
           SET raised_at = t,
               respond_by = casedesk.add_working_minutes(t, (SELECT response_minutes
                   FROM casedesk.escalation_kind k WHERE k.kind = escalation.kind))
         WHERE id = eid
        RETURNING version INTO ev;
        PERFORM casedesk_demo.stamp_escalation(eid, 'escalate', t);
        IF s.state IN ('acknowledged', 'resolved') THEN
            t := t + interval '1 minute 40 seconds';
            PERFORM casedesk_demo.act(s.oncall,
                format('SELECT casedesk.acknowledge(%s, %s, gen_random_uuid())', eid, ev));
            UPDATE casedesk.escalation SET acknowledged_at = t WHERE id = eid RETURNING version INTO ev;
            PERFORM casedesk_demo.stamp_escalation(eid, 'acknowledge', t);
        END IF;
        IF s.state = 'resolved' THEN
            t := t + interval '12 minutes';
            PERFORM casedesk_demo.act(s.oncall,
                format('SELECT casedesk.resolve(%s, %s, gen_random_uuid(), %L)', eid, ev, s.answer));
            UPDATE casedesk.escalation SET resolved_at = t WHERE id = eid;
            PERFORM casedesk_demo.stamp_escalation(eid, 'resolve', t);
        END IF;
    END LOOP;

    -- The stored outcomes of requests carry the time of their audit row.
    UPDATE casedesk.request r SET at = a.at FROM casedesk.audit a WHERE a.request_id = r.request_id;
END
$seed$;

DROP FUNCTION casedesk_demo.play(bigint, text, name);
DROP FUNCTION casedesk_demo.choose_plan(casedesk.case_item, casedesk.limit_unit, boolean);
DROP FUNCTION casedesk_demo.stamp(bigint, text, timestamptz);
DROP FUNCTION casedesk_demo.stamp_escalation(bigint, text, timestamptz);
DROP FUNCTION casedesk_demo.last_at(bigint);

ANALYZE casedesk.case_item;
ANALYZE casedesk.case_file;
ANALYZE casedesk.applicant;
ANALYZE casedesk.audit;
