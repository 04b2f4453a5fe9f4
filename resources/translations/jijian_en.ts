<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../gui/form_widgets.py" line="299" />
        <source>日期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/form_widgets.py" line="313" />
        <source>确定</source>
        <translation type="unfinished">OK</translation>
    </message>
    <message>
        <location filename="../../gui/form_widgets.py" line="315" />
        <source>取消</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/form_widgets.py" line="345" />
        <source>请填写{label}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <location filename="../../gui/context.py" line="41" />
        <source>正在处理，请稍候……</source>
        <translation>Working, please wait…</translation>
    </message>
</context>
<context>
    <name>AttachmentList</name>
    <message>
        <location filename="../../gui/form_widgets.py" line="191" />
        <source>文件名</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/form_widgets.py" line="191" />
        <source>大小</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/form_widgets.py" line="191" />
        <source>状态</source>
        <translation type="unfinished">Status</translation>
    </message>
    <message>
        <location filename="../../gui/form_widgets.py" line="203" />
        <source>添加附件…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/form_widgets.py" line="204" />
        <source>打开</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/form_widgets.py" line="215" />
        <source>可将来信扫描件等文件直接拖到此处</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CaseForm</name>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="230" />
        <source>如 张某某违规收受礼金案</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="235" />
        <source>违反中央八项规定精神</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="236" />
        <source>（请选择问题类型）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="252" />
        <source>案件名称</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="253" />
        <source>来源线索</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="254" />
        <source>立案日期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="255" />
        <source>立案审批人</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="256" />
        <source>八项规定</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="257" />
        <source>简要案情</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="265" />
        <source>办理阶段</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="281" />
        <source>推进到下一阶段</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="303" />
        <source>增加被调查人</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="304" />
        <source>删除未保存的行</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="309" />
        <source>金额单位为万元；出生年月、入党时间可不填。党纪处分只能给予中共党员，政务处分只能给予监察对象。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="322" />
        <source>对象</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="322" />
        <source>类别</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="322" />
        <source>处分/处理</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="323" />
        <source>决定日期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="323" />
        <source>文号</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="323" />
        <source>影响期至</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="324" />
        <source>四种形态</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="329" />
        <source>尚未录入处分或处理。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="331" />
        <source>新增处分/处理…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="344" />
        <source>案件信息</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="345" />
        <source>被调查人</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="346" />
        <source>处分处理</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="347" />
        <source>时间线</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="349" />
        <source>打印立案审批表…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="351" />
        <source>保存</source>
        <translation type="unfinished">Save</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="353" />
        <source>关闭</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="375" />
        <source>立案 — 线索 {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="376" />
        <source>立案（来自线索 {n}）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="380" />
        <source>{names}问题案</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="383" />
        <source>直接立案</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="384" />
        <source>立案（直接立案）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="385" />
        <location filename="../../gui/dialogs/case_form.py" line="408" />
        <source>（无，直接立案）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="388" />
        <source>填写立案信息和被调查人后点击“保存”（Ctrl+S）。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="404" />
        <source>案件 {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="405" />
        <source>案件 {n}  {title}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="406" />
        <location filename="../../gui/dialogs/case_form.py" line="533" />
        <source>当前阶段：{stage}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="444" />
        <source>下一阶段：{stage}　日期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="445" />
        <source>案件已结案。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="453" />
        <source>无</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="454" />
        <source>不计入</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="563" />
        <source>立案审批表 {n}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ComplaintForm</name>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="161" />
        <source>（请选择来源渠道）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="162" />
        <source>（请选择类型）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="163" />
        <source>（请选择署名情况）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="165" />
        <source>属上级纪委管辖（须在5个工作日内上报）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="166" />
        <source>上级转办交办（须在5个工作日内受理或转办）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="171" />
        <source>收件信息</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="173" />
        <source>收件日期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="174" />
        <source>来源渠道</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="175" />
        <source>类型</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="176" />
        <source>署名情况</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="177" />
        <source>接待人/登记人</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="185" />
        <source>手机号或带区号的固定电话</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="186" />
        <source>18位居民身份证号码（选填）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="190" />
        <source>查看</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="191" />
        <source>显示反映人完整身份信息（将记入审计日志）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="193" />
        <source>反映人（身份信息加密保存，严格保密）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="195" />
        <source>姓名</source>
        <translation type="unfinished">Name</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="196" />
        <source>联系电话</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="197" />
        <source>身份证号</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="198" />
        <source>单位或地址</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="208" />
        <source>添加被反映人</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="209" />
        <source>删除所选</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="212" />
        <source>被反映人</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="223" />
        <source>概括反映的主要问题：时间、地点、人物、事情经过</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="225" />
        <source>（未分类）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="226" />
        <source>（不涉及）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="227" />
        <source>反映的问题</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="229" />
        <source>反映的主要问题</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="230" />
        <source>问题类别</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="231" />
        <source>违反中央八项规定精神</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="237" />
        <source>附件（来信扫描件等，可直接拖入本窗口）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="256" />
        <source>时间</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="256" />
        <source>操作人</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="256" />
        <source>事项</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="262" />
        <source>登记信息</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="263" />
        <source>时间线</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="273" />
        <source>打印登记表</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="277" />
        <source>保存 (Ctrl+S)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="278" />
        <location filename="../../gui/dialogs/complaint_form.py" line="434" />
        <source>关闭</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="339" />
        <source>实名：须填写姓名，以及联系电话或单位、地址（至少一项）。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="340" />
        <source>署名：须填写姓名，联系方式可不填。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="341" />
        <source>匿名：不填写反映人信息。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="342" />
        <source>请先选择署名情况。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="351" />
        <source>新登记信访件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="352" />
        <source>编号在保存时自动生成</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="353" />
        <source>信访件登记 — 新登记</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="371" />
        <source>信访件 {number}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="374" />
        <source>　已转为问题线索 {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="376" />
        <source>信访件登记 — {number}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="391" />
        <source>重复件，原件：{n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="399" />
        <source>身份信息已加密保存，仅显示部分内容。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="400" />
        <source>点击“查看”显示完整信息（将记入审计日志）。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="402" />
        <source>未登记反映人身份信息。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="434" />
        <location filename="../../gui/dialogs/complaint_form.py" line="746" />
        <source>取消</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="450" />
        <source>已显示完整身份信息（本次查看已记入审计日志）。请注意保密。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="505" />
        <source>已保存，编号 {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="505" />
        <source>修改已保存</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="508" />
        <source>部分附件未保存</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="572" />
        <source>选择附件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="573" />
        <source>所有文件 (*);;图片 (*.jpg *.jpeg *.png *.tif *.tiff);;PDF (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="584" />
        <source>保存时上传</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="598" />
        <source>附件未保存</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="623" />
        <source>已保存</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="658" />
        <source>登记信息有尚未保存的修改，请先保存（Ctrl+S）再办理。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="673" />
        <source>检举控告受理后将自动登记为问题线索（来源：信访举报）。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="684" />
        <source>已{action}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="686" />
        <source>，已生成问题线索 {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="698" />
        <source>信访举报登记表 {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="742" />
        <source>尚未保存</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="743" />
        <source>登记表有尚未保存的修改。是否保存？</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="744" />
        <source>保存</source>
        <translation type="unfinished">Save</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="745" />
        <source>放弃</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="83" />
        <source>信访登记</source>
        <translation type="unfinished">Complaints</translation>
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="85" />
        <source>新建 (Ctrl+N)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="88" />
        <source>导出Excel…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="89" />
        <source>导出当前筛选结果（不含反映人身份信息）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="97" />
        <location filename="../../gui/pages/complaints_page.py" line="98" />
        <source>（不限）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="99" />
        <source>全部状态</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="100" />
        <source>全部渠道</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="101" />
        <source>全部类型</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="102" />
        <source>全部职级</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="103" />
        <source>全部类别</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="105" />
        <source>搜索编号、被反映人姓名或单位、问题内容（Ctrl+F）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="108" />
        <source>清除条件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="111" />
        <source>收件日期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="113" />
        <source>至</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="215" />
        <source>共 {n} 件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="223" />
        <source>没有符合筛选条件的信访件。
请修改搜索内容或筛选条件，或点击“清除条件”。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="225" />
        <source>还没有登记信访件。
点击右上角“新建”（Ctrl+N）登记来信、来访、来电或网络举报。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="227" />
        <source>还没有登记信访件。信访件由信访登记员或纪委书记登记。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="309" />
        <source>导出Excel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="309" />
        <source>Excel 文件 (*.xlsx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="320" />
        <source>正在导出……</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/complaints_page.py" line="324" />
        <source>已导出 {n} 件到 {path}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <location filename="../../gui/form_widgets.py" line="44" />
        <source>（不限）</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EnumCombo</name>
    <message>
        <location filename="../../gui/form_widgets.py" line="74" />
        <source>（未选择）</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ErrorPage</name>
    <message>
        <location filename="../../gui/pages/placeholder.py" line="50" />
        <source>“{title}”页面加载失败，其他功能不受影响。请将下面的错误信息告知系统管理员。</source>
        <translation>The page “{title}” failed to load; everything else still works. Please pass the error below to your administrator.</translation>
    </message>
</context>
<context>
    <name>FirstUserPage</name>
    <message>
        <location filename="../../gui/setup_wizard.py" line="80" />
        <source>第二步：第一个用户</source>
        <translation>Step 2: the first user</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="81" />
        <source>这个用户同时是系统管理员和纪委书记，之后可在“设置”中添加其他用户。</source>
        <translation>This user is both administrator and commission secretary. Add other users later under “Settings”.</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="83" />
        <source>登录用，例如：wang</source>
        <translation>For signing in, e.g. wang</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="85" />
        <source>例如：王书记</source>
        <translation>e.g. Secretary Wang</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="94" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="95" />
        <source>2到40位字母、数字或 _ . -</source>
        <translation>2 to 40 letters, digits or _ . -</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="96" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="97" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="98" />
        <source>再次输入密码</source>
        <translation>Repeat password</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../gui/idle_lock.py" line="208" />
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
</context>
<context>
    <name>ImportLedgerDialog</name>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="48" />
        <source>导入既有台账</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="50" />
        <source>导入既有 Excel 台账</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="52" />
        <source>可导入“信访件”“问题线索”“案件”“处分处理”“一案双查”五个工作表。先点“检查”：系统逐行检查全部内容，不写入任何数据；没有问题时才能“导入”，导入时全部写入或全部不写入。格式不清楚时，请先下载模板。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="59" />
        <source>请选择 Excel 工作簿（.xlsx）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="60" />
        <source>工作簿文件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="61" />
        <source>选择文件…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="62" />
        <source>下载模板…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="64" />
        <source>工作簿：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="73" />
        <source>尚未检查。选择工作簿后点“检查”，检查结果（每个工作表的条数，或每一处问题所在的工作表、行、列和原因）显示在这里。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="91" />
        <source>检查</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="92" />
        <source>导入</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="94" />
        <source>检查通过后才能导入</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="95" />
        <source>关闭</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="146" />
        <source>选择要导入的台账</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="147" />
        <source>Excel 工作簿 (*.xlsx *.xlsm)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="154" />
        <source>台账导入模板.xlsx</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="155" />
        <source>保存导入模板</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="156" />
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="165" />
        <location filename="../../gui/dialogs/import_dialog.py" line="168" />
        <source>模板未保存</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="170" />
        <source>模板已保存到：
{path}

按模板填写后，回到这里选择该文件并点“检查”。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="171" />
        <source>下载模板</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="184" />
        <source>请先选择要导入的 Excel 工作簿。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="187" />
        <source>正在检查工作簿……</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="187" />
        <source>正在导入……</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="191" />
        <source>检查未完成</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="191" />
        <source>导入未完成</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="204" />
        <source>检查通过，但工作簿中没有可导入的数据行。请确认工作表名称与模板一致（信访件、问题线索、案件、处分处理、一案双查），数据从第 2 行开始。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="212" />
        <source>检查通过，没有发现问题，共 {n} 条，可以导入：{detail}。{ignored}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="216" />
        <source>发现 {n} 处问题，未导入任何数据。请按下表修改工作簿后重新检查。{ignored}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="228" />
        <source>工作簿在检查之后被修改过，请重新检查。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="231" />
        <source>将导入 {n} 条记录（{detail}）。导入后会记入审计日志，确定导入吗？</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="232" />
        <source>确认导入</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="241" />
        <source>导入完成：{detail}。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="245" />
        <source>发现 {n} 处问题，未导入任何数据。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="257" />
        <source>（以下工作表名称不认识，已忽略：{names}）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/import_dialog.py" line="271" />
        <source>（整个工作簿）</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="104" />
        <source>有未保存的修改</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="105" />
        <source>本表有尚未保存的修改。要保存吗？</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="106" />
        <source>保存</source>
        <translation type="unfinished">Save</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="107" />
        <source>放弃</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="108" />
        <source>取消</source>
        <translation type="unfinished">Cancel</translation>
    </message>
</context>
<context>
    <name>ItemListPage</name>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="69" />
        <source>搜索编号、人员姓名、单位或内容（Ctrl+F）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="72" />
        <source>（Ctrl+N）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="73" />
        <source>导出Excel…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="83" />
        <location filename="../../gui/pages/leads_page.py" line="84" />
        <source>（不限）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="88" />
        <source>至</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="91" />
        <source>清除筛选</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="173" />
        <source>没有符合条件的记录。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="204" />
        <source>共 {n} 条</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="205" />
        <source>没有符合筛选条件的记录，可点击“清除筛选”。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="299" />
        <source>正在导出……</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="303" />
        <source>导出Excel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="303" />
        <source>Excel 文件 (*.xlsx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="314" />
        <source>无法写入文件：{e}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="316" />
        <source>已导出 {n} 条记录到 {path}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LeadForm</name>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="65" />
        <source>线索来源</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="66" />
        <source>收到日期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="67" />
        <source>关联信访件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="68" />
        <source>线索摘要</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="74" />
        <source>增加人员</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="75" />
        <source>删除未保存的行</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="81" />
        <source>涉及人员</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="91" />
        <source>处置（每条线索只能选择一种处置方式，经集体研究，报纪委书记审批）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="110" />
        <source>如：2026年11月18日纪委会议集体研究，同意初步核实</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="112" />
        <source>初步核实须至少2人，用顿号分隔，如：李四、赵六</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="114" />
        <source>审批同意</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="116" />
        <source>确定处置</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="122" />
        <source>处置方式</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="123" />
        <source>处置日期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="124" />
        <source>集体研究意见</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="125" />
        <source>核查人员</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="133" />
        <source>审批</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="137" />
        <location filename="../../gui/dialogs/lead_form.py" line="151" />
        <source>办理结果</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="143" />
        <source>登记办理结果</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="145" />
        <source>立案…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="152" />
        <source>结果日期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="153" />
        <source>办理情况</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="175" />
        <source>线索信息</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="176" />
        <source>处置与办结</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="177" />
        <source>时间线</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="179" />
        <source>打印审批表…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="181" />
        <source>保存</source>
        <translation type="unfinished">Save</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="183" />
        <source>关闭</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="237" />
        <location filename="../../gui/dialogs/lead_form.py" line="238" />
        <source>新建问题线索</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="239" />
        <source>填写线索来源、摘要和涉及人员后点击“保存”（Ctrl+S）；保存后可处置。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="240" />
        <location filename="../../gui/dialogs/lead_form.py" line="264" />
        <source>（直接录入，无关联信访件）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="253" />
        <location filename="../../gui/dialogs/lead_form.py" line="254" />
        <source>问题线索 {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="262" />
        <source>（由信访件受理转入，点击查看）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="281" />
        <source>状态：未处置</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="283" />
        <source>状态：{d}，待纪委书记审批</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="285" />
        <source>状态：{d}，办理中</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="286" />
        <source>状态：{d}，已办结（{r}）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="288" />
        <source>，案件 {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="307" />
        <source>纪委书记确定处置即视为审批；办案人员确定后须报纪委书记审批。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="309" />
        <source>已审批（{who}）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="311" />
        <source>待纪委书记审批</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="330" />
        <source>已立案：案件 {n}（点击查看）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="333" />
        <source>已办结。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="335" />
        <source>确定处置方式后登记办理结果。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="337" />
        <source>处置经纪委书记审批后才能登记办理结果。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="339" />
        <source>暂存待查的线索暂无办理结果，有新情况时再处置。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="341" />
        <source>初步核实后需要立案的，请点击“立案…”。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/lead_form.py" line="495" />
        <source>问题线索处置审批表 {n}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LeadersTable</name>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="50" />
        <source>（未填）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="51" />
        <source>（请选择）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="52" />
        <source>（待定）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="53" />
        <source>未填</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="54" />
        <source>—</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LeadsPage</name>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="327" />
        <source>全部来源</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="328" />
        <source>全部处置方式</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="329" />
        <source>全部状态</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="330" />
        <source>线索来源</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="330" />
        <source>处置方式</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="331" />
        <source>状态</source>
        <translation type="unfinished">Status</translation>
    </message>
    <message>
        <location filename="../../gui/pages/leads_page.py" line="359" />
        <source>还没有问题线索。信访件受理后自动生成线索，也可点击“新建线索”直接录入。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LedgerForm</name>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="175" />
        <source>如 青山镇农业农村办公室</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="178" />
        <source>（未填）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="187" />
        <source>案件</source>
        <translation type="unfinished">Cases</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="187" />
        <source>被检查单位</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="188" />
        <source>台账日期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="189" />
        <source>线索来源</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="190" />
        <source>问题性质</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="191" />
        <source>证据情况</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="198" />
        <source>增加领导干部</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="199" />
        <source>删除未保存的行</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="206" />
        <source>被检查的领导干部（主要领导、分管领导、纪检组织负责人）：处理结果为“追责”时须选择追责方式并填写追责依据。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="220" />
        <source>台账</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="221" />
        <source>时间线</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="223" />
        <source>保存</source>
        <translation type="unfinished">Save</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="225" />
        <source>关闭</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="249" />
        <location filename="../../gui/dialogs/ledger_form.py" line="250" />
        <source>新建一案双查台账</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="262" />
        <source>（请选择案件）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="276" />
        <source>一案双查台账 {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="277" />
        <source>一案双查台账 {n}（案件 {c}）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/ledger_form.py" line="302" />
        <source>请选择案件</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../gui/idle_lock.py" line="62" />
        <source>纪检桌面 — 已锁定</source>
        <translation>Jijian Desk — locked</translation>
    </message>
    <message>
        <location filename="../../gui/idle_lock.py" line="65" />
        <source>系统已锁定</source>
        <translation>The session is locked</translation>
    </message>
    <message>
        <location filename="../../gui/idle_lock.py" line="67" />
        <source>{name}（{user}），为保护信访举报人信息，系统在无操作 {minutes} 分钟后自动锁定，或由您手动锁定。请输入密码继续工作，已打开的窗口和未保存的内容都会保留。</source>
        <translation>{name} ({user}): to protect complainants' identities the session locks after {minutes} minutes without activity, or when you lock it. Enter your password to continue; open windows and unsaved input are kept.</translation>
    </message>
    <message>
        <location filename="../../gui/idle_lock.py" line="75" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../gui/idle_lock.py" line="78" />
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../gui/idle_lock.py" line="80" />
        <source>注销（未保存的内容将丢失）</source>
        <translation>Sign out (unsaved input is lost)</translation>
    </message>
    <message>
        <location filename="../../gui/idle_lock.py" line="97" />
        <source>正在验证……</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../gui/login_dialog.py" line="25" />
        <source>纪检桌面 — 登录</source>
        <translation>Jijian Desk — sign in</translation>
    </message>
    <message>
        <location filename="../../gui/login_dialog.py" line="27" />
        <source>纪检桌面</source>
        <translation>Jijian Desk</translation>
    </message>
    <message>
        <location filename="../../gui/login_dialog.py" line="30" />
        <source>信访举报与案件管理系统</source>
        <translation>Complaints and case management</translation>
    </message>
    <message>
        <location filename="../../gui/login_dialog.py" line="35" />
        <location filename="../../gui/login_dialog.py" line="42" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../gui/login_dialog.py" line="38" />
        <location filename="../../gui/login_dialog.py" line="43" />
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../gui/login_dialog.py" line="46" />
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../gui/login_dialog.py" line="48" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../gui/login_dialog.py" line="60" />
        <source>演示数据：用户 {users}，密码均为 demo1234</source>
        <translation>Demo data: users {users}, password demo1234 for all</translation>
    </message>
    <message>
        <location filename="../../gui/login_dialog.py" line="78" />
        <source>请输入用户名</source>
        <translation>Please enter your user name</translation>
    </message>
    <message>
        <location filename="../../gui/login_dialog.py" line="82" />
        <source>正在登录……</source>
        <translation>Signing in…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="36" />
        <source>{org} — 纪检桌面</source>
        <translation>{org} — Jijian Desk</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="36" />
        <location filename="../../gui/main_window.py" line="91" />
        <source>纪检桌面</source>
        <translation>Jijian Desk</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="38" />
        <source>（演示数据）</source>
        <translation> (demo data)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="65" />
        <source>数据目录：{path}</source>
        <translation>Data folder: {path}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="67" />
        <source>{name}，欢迎使用</source>
        <translation>Welcome, {name}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="71" />
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="72" />
        <source>已解锁</source>
        <translation>Unlocked</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="95" />
        <source>{name}（{roles}）</source>
        <translation>{name} ({roles})</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="99" />
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="100" />
        <source>暂时离开时锁定屏幕（Ctrl+L），输入密码后继续，未保存的内容不会丢失</source>
        <translation>Lock the screen while you are away (Ctrl+L); your password continues, unsaved input is kept</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="102" />
        <location filename="../../gui/main_window.py" line="155" />
        <source>注销</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="103" />
        <source>退出当前用户，回到登录界面</source>
        <translation>Sign out and return to the sign-in window</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="155" />
        <source>确定要注销吗？未保存的内容将会丢失。</source>
        <translation>Sign out now? Unsaved input will be lost.</translation>
    </message>
</context>
<context>
    <name>MeasureForm</name>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="172" />
        <source>新增处分/处理</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="177" />
        <source>（非中共党员）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="185" />
        <source>如 青纪发〔2026〕5号</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="187" />
        <source>二年</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="188" />
        <source>一年</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="191" />
        <location filename="../../gui/dialogs/measure_form.py" line="192" />
        <source>（保存后计算）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="198" />
        <source>处分/处理对象</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="199" />
        <source>类别</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="200" />
        <source>处分/处理方式</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="201" />
        <source>留党察看期限</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="202" />
        <source>决定日期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="203" />
        <source>文号</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="204" />
        <source>备注</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="212" />
        <source>影响期至</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="213" />
        <source>四种形态</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="215" />
        <source>保存</source>
        <translation type="unfinished">Save</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="216" />
        <source>关闭</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="272" />
        <source>无影响期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="273" />
        <source>不计入四种形态</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="279" />
        <source>处分/处理 — {person}：{kind}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OrganizationPage</name>
    <message>
        <location filename="../../gui/setup_wizard.py" line="37" />
        <source>第一步：本单位信息</source>
        <translation>Step 1: your office</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="38" />
        <source>首次使用，请填写本单位的基本信息。这些信息将出现在月报和报送包中。</source>
        <translation>First start: enter your office's details. They appear on the monthly report and in submission packages.</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="40" />
        <source>例如：青山镇纪委</source>
        <translation>e.g. Qingshan Township Discipline Committee</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="42" />
        <source>例如：QS001</source>
        <translation>e.g. QS001</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="44" />
        <source>例如：云岭县纪委</source>
        <translation>e.g. Yunling County Discipline Commission</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="47" />
        <source>乡镇纪委（填报并报送月报）</source>
        <translation>Township committee (prepares and submits monthly reports)</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="48" />
        <source>县级纪委（接收并汇总乡镇报送）</source>
        <translation>County commission (receives and consolidates township reports)</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="53" />
        <source>单位名称</source>
        <translation>Office name</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="54" />
        <source>单位代码</source>
        <translation>Office code</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="55" />
        <source>由县纪委统一分配的2到40位字母或数字，用于报送包和证书</source>
        <translation>2 to 40 letters or digits assigned by the county, used in packages and certificates</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="56" />
        <source>所属县级纪委</source>
        <translation>County commission</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="57" />
        <source>工作模式</source>
        <translation>Mode</translation>
    </message>
</context>
<context>
    <name>PasswordTab</name>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="331" />
        <source>当前密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="332" />
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="333" />
        <source>再次输入新密码</source>
        <translation>Repeat new password</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="334" />
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="350" />
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords differ</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="363" />
        <source>密码已修改，下次登录请使用新密码。</source>
        <translation>Password changed. Use the new password next time you sign in.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../gui/pdf_preview.py" line="34" />
        <source>预览 — {title}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pdf_preview.py" line="39" />
        <source>共 {n} 页</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pdf_preview.py" line="40" />
        <source>打印…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pdf_preview.py" line="41" />
        <source>另存为PDF…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pdf_preview.py" line="42" />
        <source>关闭</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pdf_preview.py" line="71" />
        <source>打印 — {title}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pdf_preview.py" line="80" />
        <source>另存为PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pdf_preview.py" line="81" />
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PersonTable</name>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="88" />
        <source>未填</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="95" />
        <source>（未填）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/case_form.py" line="192" />
        <source>第{n}行：{msg}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../gui/pages/placeholder.py" line="29" />
        <source>（本页将在下一版本提供）</source>
        <translation>(This page comes in the next version.)</translation>
    </message>
</context>
<context>
    <name>RepeatDialog</name>
    <message>
        <location filename="../../gui/dialogs/repeat_dialog.py" line="26" />
        <source>可能是重复件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/repeat_dialog.py" line="27" />
        <source>近两年内已登记过反映同一被反映人（姓名和单位相同）的信访件。如本件反映的是同一问题，请选中原件后点击“选择关联为重复件”；反映的是新问题，请点击“不是重复件”。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/repeat_dialog.py" line="32" />
        <source>编号</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/repeat_dialog.py" line="32" />
        <source>收件日期</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/repeat_dialog.py" line="32" />
        <source>被反映人</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/repeat_dialog.py" line="33" />
        <source>反映的主要问题</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/repeat_dialog.py" line="54" />
        <source>选择关联为重复件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/repeat_dialog.py" line="55" />
        <source>不是重复件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/repeat_dialog.py" line="56" />
        <source>取消</source>
        <translation type="unfinished">Cancel</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../../gui/pages/report_page.py" line="95" />
        <source>月报</source>
        <translation type="unfinished">Monthly report</translation>
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="102" />
        <location filename="../../gui/pages/report_page.py" line="340" />
        <source>{y}年</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="105" />
        <source>{m}月</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="106" />
        <source>报告年份</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="107" />
        <source>报告月份</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="108" />
        <source>刷新</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="109" />
        <source>按数据库中的最新数据重新统计</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="114" />
        <source>正在统计……</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="128" />
        <source>报告期：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="141" />
        <source>情况说明和表尾</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="142" />
        <source>修订历史</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="154" />
        <source>保存 (Ctrl+S)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="155" />
        <source>预览/打印…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="156" />
        <source>导出PDF…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="157" />
        <source>导出Excel…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="158" />
        <source>定稿…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="159" />
        <source>更正…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="236" />
        <source>填写本月信访举报和案件办理情况的说明，如主要特点、重点工作、存在问题等。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="237" />
        <location filename="../../gui/pages/report_page.py" line="278" />
        <source>情况说明</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="245" />
        <source>表尾</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="249" />
        <source>填报单位：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="251" />
        <source>负责人：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="251" />
        <source>填报人：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="251" />
        <source>联系电话：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="252" />
        <source>填报日期：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="255" />
        <source>（未填）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="271" />
        <source>如 0871-1234567 或 13800001111</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="304" />
        <source>本月报尚未定稿，还没有修订版本。定稿后，每一版都保存在这里，可随时查看和打印。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="314" />
        <source>预览/打印此版…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="372" />
        <source>{n} / {max} 字</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="425" />
        <source>统计失败，请稍后点“刷新”重试。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="426" />
        <source>月报统计失败</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="466" />
        <source>第{n}版</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="480" />
        <source>选择一个版次，即在下方显示该版定稿时冻结的 PDF。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="489" />
        <source>已定稿（第{n}版）　{when} 由 {who} 定稿　SHA-256：{sha}
定稿后的月报不能修改；如需修改，请由纪委书记点“更正”生成新的修订版。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="496" />
        <source>正在更正：第{n}版（更正第{old}版），原因：{reason}
修改情况说明或表尾并保存后，请重新定稿；定稿前，第{old}版仍是有效版本。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="515" />
        <source>只有纪委书记可以定稿和更正月报</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="517" />
        <source>本月报已定稿</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="518" />
        <source>冻结本月统计数字、情况说明和 PDF，生成第{n}版</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="520" />
        <source>定稿后发现错误时，说明原因，生成新的修订版</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="521" />
        <source>尚未定稿的月报直接修改即可，无需更正</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="531" />
        <source>{p}月报　已定稿（第{n}版）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="533" />
        <source>{p}月报　草稿（将定稿为第{n}版）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="535" />
        <source>　● 有未保存的修改</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="537" />
        <source>　{time} 已保存</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="738" />
        <source>第{n}版（{status}）定稿时冻结的 PDF：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="556" />
        <source>正在保存……</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="562" />
        <source>保存失败</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="574" />
        <source>未保存的修改</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="575" />
        <source>{p}月报的情况说明或表尾有未保存的修改，是否保存？</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="577" />
        <source>保存</source>
        <translation type="unfinished">Save</translation>
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="578" />
        <source>放弃修改</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="579" />
        <location filename="../../gui/pages/report_page.py" line="701" />
        <source>取消</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="609" />
        <source>（草稿）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="610" />
        <source>{org}{p}月报第{n}版{state}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="616" />
        <source>正在生成 PDF……</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="620" />
        <source>正在生成 Excel……</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="631" />
        <source>无法预览</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="643" />
        <source>导出PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="643" />
        <source>PDF 文件 (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="644" />
        <source>导出Excel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="644" />
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="656" />
        <location filename="../../gui/pages/report_page.py" line="661" />
        <source>导出失败</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="664" />
        <source>已导出：{path}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="675" />
        <source>定稿将冻结{p}月报第{n}版：本月的统计数字、情况说明、表尾和 PDF 一并存档并计算 SHA-256，此后不能再修改；如发现错误，只能通过“更正”生成新的修订版。

确定定稿吗？</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="678" />
        <source>月报定稿</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="682" />
        <source>正在定稿……</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="684" />
        <source>定稿未完成</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="688" />
        <source>{p}月报已定稿（第{n}版）。

SHA-256：
{sha}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="689" />
        <source>定稿完成</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="697" />
        <source>月报更正</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="698" />
        <source>请填写更正原因（记入修订历史和审计日志）：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="700" />
        <source>开始更正</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="708" />
        <source>正在处理……</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="710" />
        <source>更正未完成</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="728" />
        <source>第{n}版正在更正，尚未定稿，还没有冻结的 PDF。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/pages/report_page.py" line="736" />
        <source>无法显示该版次</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="164" />
        <source>重置密码：{user}</source>
        <translation>Reset password: {user}</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="169" />
        <source>重置后，该用户需要重新获得查看反映人身份信息的授权。</source>
        <translation>After a reset the user must be granted access to complainants' identities again.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="173" />
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="174" />
        <source>再次输入</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="179" />
        <source>重置</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="187" />
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>RolesDialog</name>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="137" />
        <source>修改角色：{user}</source>
        <translation>Change roles: {user}</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="143" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="62" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="495" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="501" />
        <source>用户管理</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="503" />
        <source>修改我的密码</source>
        <translation>My password</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="506" />
        <source>系统设置</source>
        <translation>System settings</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../gui/setup_wizard.py" line="117" />
        <source>纪检桌面 — 首次设置</source>
        <translation>Jijian Desk — first-time setup</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="120" />
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="121" />
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="122" />
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="123" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="136" />
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <location filename="../../gui/setup_wizard.py" line="149" />
        <source>正在创建单位和用户……</source>
        <translation>Creating the office and the user…</translation>
    </message>
</context>
<context>
    <name>SubjectsTable</name>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="53" />
        <source>姓名</source>
        <translation type="unfinished">Name</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="53" />
        <source>单位</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="53" />
        <source>职务</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="53" />
        <source>职级</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="54" />
        <source>是否中共党员</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/complaint_form.py" line="54" />
        <source>是否监察对象</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SystemSettingsTab</name>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="396" />
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="401" />
        <source>只有系统管理员和纪委书记可以修改系统设置。</source>
        <translation>Only the administrator and the commission secretary can change system settings.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="480" />
        <source>已保存 {n} 项设置</source>
        <translation>{n} setting(s) saved</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="481" />
        <source>设置没有变化</source>
        <translation>No setting changed</translation>
    </message>
</context>
<context>
    <name>TimelineTable</name>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="132" />
        <source>时间</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="132" />
        <source>操作人</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/dialogs/measure_form.py" line="132" />
        <source>内容</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="91" />
        <source>新增用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="100" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="101" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="102" />
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="103" />
        <source>再次输入</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="104" />
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="108" />
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="117" />
        <source>两次输入的密码不一致</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="207" />
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="207" />
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="207" />
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="207" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="216" />
        <source>新增用户…</source>
        <translation>New user…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="217" />
        <source>修改角色…</source>
        <translation>Change roles…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="218" />
        <location filename="../../gui/pages/settings_page.py" line="270" />
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="219" />
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="247" />
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="247" />
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="247" />
        <location filename="../../gui/pages/settings_page.py" line="270" />
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="280" />
        <source>已添加用户 {user}</source>
        <translation>User {user} added</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="288" />
        <source>已修改 {user} 的角色</source>
        <translation>Roles of {user} changed</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="295" />
        <source>已重置 {user} 的密码</source>
        <translation>Password of {user} reset</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="311" />
        <source>已启用 {user}</source>
        <translation>{user} enabled</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="311" />
        <source>已停用 {user}</source>
        <translation>{user} disabled</translation>
    </message>
</context>
<context>
    <name>YesNoCombo</name>
    <message>
        <location filename="../../gui/form_widgets.py" line="378" />
        <source>（未填）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/form_widgets.py" line="379" />
        <source>是</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../gui/form_widgets.py" line="380" />
        <source>否</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../gui/app.py" line="110" />
        <source>本版本尚未包含演示数据（services/demo.py），请不带 --demo 启动。</source>
        <translation>This version has no demo data yet (services/demo.py); start without --demo.</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="115" />
        <source>正在准备演示数据……</source>
        <translation>Preparing demo data…</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <location filename="../../gui/pages/__init__.py" line="48" />
        <source>工作台</source>
        <translation>Workbench</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="49" />
        <source>工作台：汇总本人待办事项，列出即将到期和已经超期的办理时限（受理告知、转办上报、谈话函询、初核、立案审批、审查调查），显示本月收件、线索处置、立案结案的简要数字。</source>
        <translation>Workbench: your to-do list, time limits that are due soon or overdue (acceptance notices, referrals, talks and inquiries, preliminary verification, filing approval, investigation), and this month's headline figures.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="52" />
        <source>信访登记</source>
        <translation>Complaints</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="54" />
        <source>信访登记：登记来信、来访、来电、网络举报和上级转办交办、巡视巡察移交、审计移送的信访件；录入反映人（加密保存）和被反映人、问题类别，上传来信扫描件；识别重复件，办理受理、转办、上报和办结。</source>
        <translation>Complaints: register letters, visits, calls, online reports and items referred from above, from inspections or audits; the complainant (stored encrypted) and the persons complained about, the discipline category, scanned letters; repeats; acceptance, referral, reporting up and closure.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="57" />
        <source>问题线索</source>
        <translation>Leads</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="58" />
        <source>问题线索：登记来自信访举报和其他来源的问题线索，按谈话函询、初步核实、暂存待查、予以了结四类方式处置，报纪委书记审批，跟踪处置时限和办理结果。</source>
        <translation>Leads: register leads from complaints and other sources, dispose of each by talk or inquiry, preliminary verification, shelving or closing, with the secretary's approval; track time limits and results.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="60" />
        <source>案件</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="61" />
        <source>案件：立案审查调查的全过程（立案、审查调查、移送审理、审结、处分决定、结案、执行），被调查人信息，党纪处分、政务处分和组织处理，收缴和退赔金额。</source>
        <translation>Cases: the whole investigation (filing, investigation, hearing, conclusion, sanction decision, closure, execution), the persons investigated, party and government sanctions and organizational handling, amounts recovered.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="63" />
        <source>一案双查</source>
        <translation>Double investigation</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="64" />
        <source>一案双查：对每起案件同步核查相关单位主要领导、分管领导和纪检组织负责人履行主体责任、监督责任的情况，维护台账，记录了结、函询或廉政谈话、追究问责的结果和依据，并可导入已有的 Excel 台账。</source>
        <translation>Double investigation: for every case, check how the unit's principal leader, the leader in charge and the discipline officer carried out their responsibilities; keep the ledger with outcomes (closed, inquiry or integrity talk, held accountable) and their basis; import existing Excel ledgers.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="67" />
        <source>月报</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="68" />
        <source>月报：按月统计信访举报、问题线索处置、立案结案、处分人数、四种形态、违反中央八项规定精神问题和一案双查数据，与去年同期比较；填写情况说明，预览和打印 PDF，由纪委书记定稿，定稿后的更正作为新版本保存。</source>
        <translation>Monthly report: the month's complaints, lead dispositions, cases filed and closed, persons sanctioned, the four forms, eight-rules violations and double investigations, compared with last year; notes, PDF preview and printing, finalizing by the secretary, corrections as new revisions.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="71" />
        <source>报送</source>
        <translation>Submission</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="73" />
        <source>报送：生成带电子签名的月报报送包并导出到U盘；管理本单位密钥、证书申请和县纪委签发的证书；县级模式下接收、逐项核验并汇总各乡镇的报送包。</source>
        <translation>Submission: build the signed monthly package and export it to a USB stick; manage your key, certificate request and the county's certificate; in county mode, receive, verify and consolidate township packages.</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="75" />
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="76" />
        <source>设置：用户管理、修改密码和系统设置。</source>
        <translation>Settings: users, passwords and system settings.</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <location filename="../../gui/widgets.py" line="16" />
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="17" />
        <source>纪委书记</source>
        <translation>Commission secretary</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="18" />
        <source>办案人员</source>
        <translation>Case officer</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="19" />
        <source>信访登记员</source>
        <translation>Intake clerk</translation>
    </message>
</context>
<context>
    <name>run_with_progress</name>
    <message>
        <location filename="../../gui/executor.py" line="190" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/executor.py" line="191" />
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../gui/executor.py" line="201" />
        <source>正在取消……</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <location filename="../../gui/widgets.py" line="133" />
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="138" />
        <source>发生了意外错误，操作没有完成。请将详细信息告知系统管理员。</source>
        <translation>An unexpected error stopped the action. Please pass the details to your administrator.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="141" />
        <location filename="../../gui/widgets.py" line="151" />
        <location filename="../../gui/widgets.py" line="160" />
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="148" />
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="158" />
        <source>请确认</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <location filename="../../gui/widgets.py" line="161" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>