<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
  <context>
    <name />
    <message>
      <source>连接成功：数据库 {db} 是空的，下一步将在其中设置本单位信息。</source>
      <translation>Connected: database {db} is empty; the next step sets up this office in it.</translation>
    </message>
    <message>
      <source>连接成功：该数据库已由 {org}（{code}）使用。完成后请用您在本单位的账户登录。</source>
      <translation>Connected: this database is used by {org} ({code}). When done, sign in with your account of this office.</translation>
    </message>
    <message>
      <source>正在连接数据库服务器……</source>
      <translation>Connecting to the database server…</translation>
    </message>
    <message>
      <source>组织处理/其他处理</source>
      <translation>Organizational handling / other handling</translation>
    </message>
    <message>
      <source>请选择处分/处理方式</source>
      <translation>Choose a sanction or handling</translation>
    </message>
    <message>
      <source>{period}至</source>
      <translation>{period} to</translation>
    </message>
    <message>
      <source>无{period}</source>
      <translation>No {period}</translation>
    </message>
    <message>
      <source>✓ 通过</source>
      <translation>✓ Passed</translation>
    </message>
    <message>
      <source>! 未核对</source>
      <translation>! Not checked</translation>
    </message>
    <message>
      <source>✗ 未通过</source>
      <translation>✗ Failed</translation>
    </message>
    <message>
      <source>结果</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>检查项目</source>
      <translation>Check</translation>
    </message>
    <message>
      <source>说明</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>第 {n} 版</source>
      <translation>Edition {n}</translation>
    </message>
    <message>
      <source>发生了意外错误，操作没有完成。请将详细信息告知系统管理员。</source>
      <translation>An unexpected error stopped the action. Please pass the details to your administrator.</translation>
    </message>
    <message>
      <source>操作未完成</source>
      <translation>Not done</translation>
    </message>
    <message>
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>提示</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>请确认</source>
      <translation>Please confirm</translation>
    </message>
    <message>
      <source>正在处理，请稍候……</source>
      <translation>Working, please wait…</translation>
    </message>
    <message>
      <source>请稍候</source>
      <translation>Please wait</translation>
    </message>
    <message>
      <source>正在取消……</source>
      <translation>Cancelling…</translation>
    </message>
    <message>
      <source>正在恢复数据，请勿关闭程序……</source>
      <translation>Restoring data, please do not close the program…</translation>
    </message>
    <message>
      <source>没有可打印的 PDF 内容。</source>
      <translation>There is no PDF content to print.</translation>
    </message>
    <message>
      <source>PDF 文件无法读取（{error}），不能打印。</source>
      <translation>The PDF file cannot be read ({error}) and cannot be printed.</translation>
    </message>
    <message>
      <source>无法开始打印：打印机不可用或输出文件无法写入。</source>
      <translation>Cannot start printing: the printer is unavailable or the output file cannot be written.</translation>
    </message>
    <message>
      <source>第 {n} 页无法渲染，打印已停止。</source>
      <translation>Page {n} cannot be rendered; printing stopped.</translation>
    </message>
    <message>
      <source>打印预览 — {title}</source>
      <translation>Print preview — {title}</translation>
    </message>
    <message>
      <source>从备份恢复</source>
      <translation>Restore from backup</translation>
    </message>
    <message>
      <source>备份文件：{name}
备份所属单位：{org}

恢复后，这台电脑将使用该单位的数据，请用原来的用户名和密码登录。</source>
      <translation>Backup file: {name}
Office of the backup: {org}

After restoring, this computer uses that office's data; sign in with the original user name and password.</translation>
    </message>
    <message>
      <source>我确认：这是本单位的数据，要把它迁入这台新电脑（本机尚未设置任何单位）</source>
      <translation>I confirm: this is our office's data and it moves to this new computer (no office has been set up here yet)</translation>
    </message>
    <message>
      <source>恢复</source>
      <translation>Restore</translation>
    </message>
    <message>
      <source>选择备份文件</source>
      <translation>Choose a backup file</translation>
    </message>
    <message>
      <source>备份文件 (*.jjbak *.sqlite3)</source>
      <translation>Backup files (*.jjbak *.sqlite3)</translation>
    </message>
    <message>
      <source>输入这份备份的口令：</source>
      <translation>Enter this backup's passphrase:</translation>
    </message>
    <message>
      <source>（备份中没有单位信息）</source>
      <translation>(no office information in the backup)</translation>
    </message>
    <message>
      <source>恢复未完成，数据保持原样</source>
      <translation>Restore not completed; the data is unchanged</translation>
    </message>
    <message>
      <source>恢复后，损坏的数据库文件会另存保留（不删除），备份之后录入的内容需要重新录入。</source>
      <translation>After restoring, the damaged database file is kept aside (not deleted); whatever was entered after the backup must be entered again.</translation>
    </message>
    <message>
      <source>从最近的完好备份恢复</source>
      <translation>Restore from the latest good backup</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <source>数据库检查未通过</source>
      <translation>Database check failed</translation>
    </message>
    <message>
      <source>恢复未完成</source>
      <translation>Restore not completed</translation>
    </message>
    <message>
      <source>恢复已完成，但未能记入审计日志</source>
      <translation>Restore completed, but it could not be written to the audit log</translation>
    </message>
    <message>
      <source>已从备份“{name}”恢复数据。损坏的数据库已另存为“{aside}”。
请登录后核对最近录入的内容。</source>
      <translation>Data restored from backup "{name}". The damaged database was kept as "{aside}".
Please sign in and check the most recent entries.</translation>
    </message>
    <message>
      <source>已恢复</source>
      <translation>Restored</translation>
    </message>
    <message>
      <source>双击或右键“重新打印{t}”</source>
      <translation>Double-click or right-click "Print {t} again"</translation>
    </message>
    <message>
      <source>重新打印{t}…</source>
      <translation>Print {t} again…</translation>
    </message>
    <message>
      <source>请再次输入口令：</source>
      <translation>Enter the passphrase again:</translation>
    </message>
    <message>
      <source>两次输入的口令不一致，请重新操作。</source>
      <translation>The two passphrases differ; please try again.</translation>
    </message>
    <message>
      <source>文件未保存</source>
      <translation>File not saved</translation>
    </message>
    <message>
      <source>无法读取文件 {p}：{e}</source>
      <translation>Cannot read file {p}: {e}</translation>
    </message>
  </context>
  <context>
    <name>ActionDialog</name>
    <message>
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>请填写{label}</source>
      <translation>Please fill in {label}</translation>
    </message>
  </context>
  <context>
    <name>AppContext</name>
    <message>
      <source>正在处理，请稍候……</source>
      <translation>Working, please wait…</translation>
    </message>
  </context>
  <context>
    <name>AttachmentList</name>
    <message>
      <source>文件名</source>
      <translation>File name</translation>
    </message>
    <message>
      <source>大小</source>
      <translation>Size</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>添加附件…</source>
      <translation>Add attachment…</translation>
    </message>
    <message>
      <source>打开</source>
      <translation>Open</translation>
    </message>
    <message>
      <source>可将来信扫描件等文件直接拖到此处</source>
      <translation>Scanned letters and other files can be dragged here</translation>
    </message>
  </context>
  <context>
    <name>BackupTab</name>
    <message>
      <source>本机备份</source>
      <translation>Local backups</translation>
    </message>
    <message>
      <source>程序每天第一次启动和每次退出时自动备份到数据目录的 backups 文件夹（保留最近 7 天和 4 周），手动备份一直保留。本机备份防误操作和数据库损坏，不能防电脑丢失或硬盘损坏，请定期“备份到U盘”并妥善保管。</source>
      <translation>The program backs up automatically to the backups folder of the data folder at its first start each day and at every exit (keeping the last 7 days and 4 weeks); manual backups are kept for good. Local backups protect against mistakes and database damage, not against a lost computer or a failed disk: regularly use "Back up to USB" and keep the stick safe.</translation>
    </message>
    <message>
      <source>还没有本机备份。点“立即备份”做第一份。</source>
      <translation>No local backup yet. Click "Back up now" for the first one.</translation>
    </message>
    <message>
      <source>立即备份</source>
      <translation>Back up now</translation>
    </message>
    <message>
      <source>备份到U盘…</source>
      <translation>Back up to USB…</translation>
    </message>
    <message>
      <source>把数据库和全部附件加密写成一个 .jjbak 文件，保存到选择的文件夹（如U盘）</source>
      <translation>Write the database and all attachments, encrypted, as one .jjbak file into the chosen folder (e.g. a USB stick)</translation>
    </message>
    <message>
      <source>恢复…</source>
      <translation>Restore…</translation>
    </message>
    <message>
      <source>从所选的本机备份恢复…</source>
      <translation>Restore from the selected local backup…</translation>
    </message>
    <message>
      <source>从U盘上的备份文件（.jjbak）恢复…</source>
      <translation>Restore from a backup file (.jjbak) on a USB stick…</translation>
    </message>
    <message>
      <source>备份与恢复需要纪委书记或系统管理员的权限。</source>
      <translation>Backup and restore need the discipline secretary's or the system administrator's rights.</translation>
    </message>
    <message>
      <source>服务器数据库由服务器管理员恢复：在命令行用 jijian --db-url … restore 备份文件 恢复到一个新建的空数据库</source>
      <translation>A server database is restored by the server administrator: on the command line, jijian --db-url … restore BACKUP-FILE into a new empty database</translation>
    </message>
    <message>
      <source>已备份并检查通过：{name}（{size}）</source>
      <translation>Backed up and checked: {name} ({size})</translation>
    </message>
    <message>
      <source>正在备份……</source>
      <translation>Backing up…</translation>
    </message>
    <message>
      <source>备份未完成：{m}</source>
      <translation>Backup not completed: {m}</translation>
    </message>
    <message>
      <source>备份到U盘</source>
      <translation>Back up to USB</translation>
    </message>
    <message>
      <source>选择保存备份的位置（如U盘）</source>
      <translation>Choose where to save the backup (e.g. a USB stick)</translation>
    </message>
    <message>
      <source>设置这份备份的口令（至少 8 个字符）。恢复时要输入此口令，忘记口令将无法恢复：</source>
      <translation>Set this backup's passphrase (at least 8 characters). It is needed to restore; a forgotten passphrase means the backup cannot be restored:</translation>
    </message>
    <message>
      <source>正在加密写入备份……</source>
      <translation>Writing the encrypted backup…</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>正在取消……</source>
      <translation>Cancelling…</translation>
    </message>
    <message>
      <source>已写入并复核加密备份：{p}
请妥善保管U盘，口令另行记住，不要与U盘放在一起。</source>
      <translation>Encrypted backup written and verified: {p}
Keep the USB stick safe and remember the passphrase separately, not with the stick.</translation>
    </message>
    <message>
      <source>已取消备份，没有写入任何备份文件。</source>
      <translation>Backup cancelled; no backup file was written.</translation>
    </message>
    <message>
      <source>本机备份“{name}”（{t}）</source>
      <translation>local backup "{name}" ({t})</translation>
    </message>
    <message>
      <source>从备份文件恢复</source>
      <translation>Restore from a backup file</translation>
    </message>
    <message>
      <source>选择备份文件</source>
      <translation>Choose a backup file</translation>
    </message>
    <message>
      <source>加密备份 (*.jjbak)</source>
      <translation>Encrypted backups (*.jjbak)</translation>
    </message>
    <message>
      <source>输入这份备份的口令：</source>
      <translation>Enter this backup's passphrase:</translation>
    </message>
    <message>
      <source>备份文件“{name}”（{t}）</source>
      <translation>backup file "{name}" ({t})</translation>
    </message>
    <message>
      <source>不能用这份备份恢复：{m}</source>
      <translation>This backup cannot be used to restore: {m}</translation>
    </message>
    <message>
      <source>正在检查备份文件……</source>
      <translation>Checking the backup file…</translation>
    </message>
    <message>
      <source>恢复数据</source>
      <translation>Restore data</translation>
    </message>
    <message>
      <source>将用{what}恢复数据，此后录入的内容将不在恢复后的数据中。

当前数据库将另存保留（数据目录中的“….before-restore-时间”文件），不会删除。恢复后程序将重新打开，请重新登录。

确定恢复吗？</source>
      <translation>The data will be restored from {what}; anything entered since will not be in the restored data.

The current database is kept aside (the "….before-restore-&lt;time&gt;" file in the data folder), not deleted. After restoring the program reopens; please sign in again.

Restore now?</translation>
    </message>
    <message>
      <source>恢复未完成，数据保持原样：{m}</source>
      <translation>Restore not completed; the data is unchanged: {m}</translation>
    </message>
    <message>
      <source>已用{what}恢复数据。请重新登录。</source>
      <translation>Data restored from {what}. Please sign in again.</translation>
    </message>
  </context>
  <context>
    <name>Calendar</name>
    <message>
      <source>{year}年的法定节假日和调休安排尚未录入系统，目前按周末和法定节日估算工作日（不含调休上班日），期限可能不准确。请在“设置—办理时限与节假日”中按国务院办公厅公布的{year}年放假安排录入或导入，全部录入后点“确认已完整录入”。</source>
      <translation>The official holiday schedule of {year} is not in the system yet: working days are estimated from weekends and public holidays (without make-up working days), so deadlines may be off. Enter or import the {year} schedule published by the State Council under "Settings — Deadlines and holidays", then click "Confirm entered in full".</translation>
    </message>
  </context>
  <context>
    <name>CaseForm</name>
    <message>
      <source>如 张某某违规收受礼金案</source>
      <translation>e.g. the case of Zhang accepting cash gifts</translation>
    </message>
    <message>
      <source>案件名称</source>
      <translation>Case name</translation>
    </message>
    <message>
      <source>来源线索</source>
      <translation>Source lead</translation>
    </message>
    <message>
      <source>立案日期</source>
      <translation>Case opening date</translation>
    </message>
    <message>
      <source>立案审批人</source>
      <translation>Approved by</translation>
    </message>
    <message>
      <source>八项规定</source>
      <translation>Eight-point Rules</translation>
    </message>
    <message>
      <source>简要案情</source>
      <translation>Summary of the case</translation>
    </message>
    <message>
      <source>办理阶段</source>
      <translation>Stage</translation>
    </message>
    <message>
      <source>推进到下一阶段…</source>
      <translation>Advance to the next stage…</translation>
    </message>
    <message>
      <source>撤销上一阶段…</source>
      <translation>Undo the last stage…</translation>
    </message>
    <message>
      <source>审批立案</source>
      <translation>Approve opening</translation>
    </message>
    <message>
      <source>增加被调查人</source>
      <translation>Add person under investigation</translation>
    </message>
    <message>
      <source>删除未保存的行</source>
      <translation>Delete unsaved rows</translation>
    </message>
    <message>
      <source>金额单位为万元；出生年月、入党时间可不填。党纪处分只能给予中共党员，政务处分只能给予监察对象。</source>
      <translation>Amounts in 10,000 yuan; date of birth and Party entry date may be left empty. Party sanctions apply only to CPC members, government sanctions only to supervised persons.</translation>
    </message>
    <message>
      <source>对象</source>
      <translation>Person</translation>
    </message>
    <message>
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>处分/处理</source>
      <translation>Sanction / handling</translation>
    </message>
    <message>
      <source>决定日期</source>
      <translation>Decision date</translation>
    </message>
    <message>
      <source>文号</source>
      <translation>Document no.</translation>
    </message>
    <message>
      <source>影响期至</source>
      <translation>Effective until</translation>
    </message>
    <message>
      <source>四种形态</source>
      <translation>Four Forms (四种形态)</translation>
    </message>
    <message>
      <source>尚未录入处分或处理。</source>
      <translation>No sanction or handling recorded yet.</translation>
    </message>
    <message>
      <source>新增处分/处理…</source>
      <translation>New sanction / handling…</translation>
    </message>
    <message>
      <source>新建一案双查台账…</source>
      <translation>New double investigation ledger…</translation>
    </message>
    <message>
      <source>案件信息</source>
      <translation>Case information</translation>
    </message>
    <message>
      <source>被调查人</source>
      <translation>Persons under investigation</translation>
    </message>
    <message>
      <source>处分处理</source>
      <translation>Sanctions</translation>
    </message>
    <message>
      <source>打印立案审批表…</source>
      <translation>Print the case opening approval form…</translation>
    </message>
    <message>
      <source>立案 — 线索 {n}</source>
      <translation>Open case — lead {n}</translation>
    </message>
    <message>
      <source>立案（来自线索 {n}）</source>
      <translation>Open case (from lead {n})</translation>
    </message>
    <message>
      <source>{names}问题案</source>
      <translation>Case of {names}</translation>
    </message>
    <message>
      <source>直接立案</source>
      <translation>Open case directly</translation>
    </message>
    <message>
      <source>立案（直接立案）</source>
      <translation>Open case (directly)</translation>
    </message>
    <message>
      <source>（无，直接立案）</source>
      <translation>(none, opened directly)</translation>
    </message>
    <message>
      <source>填写立案信息和被调查人后点击“保存”（Ctrl+S）。</source>
      <translation>Fill in the case and the persons under investigation, then click "Save" (Ctrl+S).</translation>
    </message>
    <message>
      <source>案件 {n}</source>
      <translation>Case {n}</translation>
    </message>
    <message>
      <source>案件 {n}  {title}</source>
      <translation>Case {n}  {title}</translation>
    </message>
    <message>
      <source>当前阶段：{stage}</source>
      <translation>Current stage: {stage}</translation>
    </message>
    <message>
      <source>立案经纪委书记审批后才能推进</source>
      <translation>The case can advance once the discipline secretary has approved its opening</translation>
    </message>
    <message>
      <source>下一阶段：{stage}</source>
      <translation>Next stage: {stage}</translation>
    </message>
    <message>
      <source>案件已结案。</source>
      <translation>The case is closed.</translation>
    </message>
    <message>
      <source>审理意见：{t}</source>
      <translation>Review opinion: {t}</translation>
    </message>
    <message>
      <source>免予处分或不予处分的理由：{t}</source>
      <translation>Reason for exemption or no sanction: {t}</translation>
    </message>
    <message>
      <source>无</source>
      <translation>None</translation>
    </message>
    <message>
      <source>不计入</source>
      <translation>Not counted</translation>
    </message>
    <message>
      <source>立案审批表 {n}</source>
      <translation>Case opening approval form {n}</translation>
    </message>
  </context>
  <context>
    <name>CaseStageDialog</name>
    <message>
      <source>进入“{stage}”阶段 — 案件 {n}</source>
      <translation>Enter the "{stage}" stage — case {n}</translation>
    </message>
    <message>
      <source>确定进入“{stage}”阶段</source>
      <translation>Enter the "{stage}" stage</translation>
    </message>
    <message>
      <source>案件 {n} 当前处于“{cur}”阶段，将进入“{next}”阶段。</source>
      <translation>Case {n} is at the "{cur}" stage and will enter the "{next}" stage.</translation>
    </message>
    <message>
      <source>{stage}日期</source>
      <translation>{stage} date</translation>
    </message>
    <message>
      <source>不早于{cur}日期 {d}</source>
      <translation>Not before the {cur} date {d}</translation>
    </message>
    <message>
      <source>审理形成的意见：认定的事实、性质和处理建议</source>
      <translation>The review's opinion: the facts found, their nature and the proposed handling</translation>
    </message>
    <message>
      <source>{person}：{kind}（{date}{doc}）</source>
      <translation>{person}: {kind} ({date}{doc})</translation>
    </message>
    <message>
      <source>，{d}</source>
      <translation>, {d}</translation>
    </message>
    <message>
      <source>已录入的处分或处理决定：</source>
      <translation>Sanctions or handling decisions recorded:</translation>
    </message>
    <message>
      <source>本案尚未录入处分或处理决定。结案须先在“处分处理”中录入；决定免予处分或不予处分的，请在下面写明理由。</source>
      <translation>No sanction or handling decision is recorded for this case. Record it under "Sanctions" before closing; if it was decided to exempt from or not impose a sanction, give the reason below.</translation>
    </message>
    <message>
      <source>处分处理</source>
      <translation>Sanctions</translation>
    </message>
    <message>
      <source>如：情节轻微，主动退还全部款项，经集体研究免予处分</source>
      <translation>e.g.: minor, all money returned voluntarily; exempted from sanction by collective decision</translation>
    </message>
    <message>
      <source>免予处分或
不予处分的理由</source>
      <translation>Reason for exemption
or no sanction</translation>
    </message>
  </context>
  <context>
    <name>CasesPage</name>
    <message>
      <source>立案日期</source>
      <translation>Case opening date</translation>
    </message>
    <message>
      <source>全部阶段</source>
      <translation>All stages</translation>
    </message>
    <message>
      <source>全部职级</source>
      <translation>All ranks</translation>
    </message>
    <message>
      <source>阶段</source>
      <translation>Stage</translation>
    </message>
    <message>
      <source>职级</source>
      <translation>Rank</translation>
    </message>
    <message>
      <source>只看违反中央八项规定精神</source>
      <translation>Only Eight-point Rules violations</translation>
    </message>
    <message>
      <source>还没有案件。初步核实的线索经审批后可在线索中点击“立案…”，也可点击“直接立案”。</source>
      <translation>No cases yet. A lead under preliminary check can become a case through "Open case…" once approved, or click "Open case directly".</translation>
    </message>
  </context>
  <context>
    <name>CertificatesTabBase</name>
    <message>
      <source>管理密钥和证书需要纪委书记或系统管理员的权限。</source>
      <translation>Managing keys and certificates needs the discipline secretary's or the system administrator's rights.</translation>
    </message>
  </context>
  <context>
    <name>ComplaintActions</name>
    <message>
      <source>打印登记表</source>
      <translation>Print register form</translation>
    </message>
    <message>
      <source>保存 (Ctrl+S)</source>
      <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>登记信息有尚未保存的修改，请先保存（Ctrl+S）再办理。</source>
      <translation>The registration has unsaved changes; save first (Ctrl+S).</translation>
    </message>
    <message>
      <source>检举控告受理后将自动登记为问题线索（来源：信访举报）。</source>
      <translation>An accepted report or accusation is registered as a lead automatically (source: letters and visits).</translation>
    </message>
    <message>
      <source>已{action}</source>
      <translation>{action} done</translation>
    </message>
    <message>
      <source>，已生成问题线索 {n}</source>
      <translation>, lead {n} created</translation>
    </message>
    <message>
      <source>信访举报登记表 {n}</source>
      <translation>Petition registration form {n}</translation>
    </message>
  </context>
  <context>
    <name>ComplaintAttachments</name>
    <message>
      <source>选择附件</source>
      <translation>Choose attachments</translation>
    </message>
    <message>
      <source>所有文件 (*);;图片 (*.jpg *.jpeg *.png *.tif *.tiff);;PDF (*.pdf)</source>
      <translation>All files (*);;Images (*.jpg *.jpeg *.png *.tif *.tiff);;PDF (*.pdf)</translation>
    </message>
    <message>
      <source>保存时添加</source>
      <translation>Added on save</translation>
    </message>
    <message>
      <source>附件未保存</source>
      <translation>Attachment not saved</translation>
    </message>
    <message>
      <source>已保存</source>
      <translation>Saved</translation>
    </message>
  </context>
  <context>
    <name>ComplaintForm</name>
    <message>
      <source>受理</source>
      <translation>Accept</translation>
    </message>
    <message>
      <source>受理信访件</source>
      <translation>Accept the petition</translation>
    </message>
    <message>
      <source>不予受理</source>
      <translation>Not accepted</translation>
    </message>
    <message>
      <source>不予受理理由</source>
      <translation>Reason for not accepting</translation>
    </message>
    <message>
      <source>转办</source>
      <translation>Referral</translation>
    </message>
    <message>
      <source>转办单位</source>
      <translation>Referred to</translation>
    </message>
    <message>
      <source>登记催办/回复</source>
      <translation>Record reminder/reply</translation>
    </message>
    <message>
      <source>转办催办与回复</source>
      <translation>Referral reminders and reply</translation>
    </message>
    <message>
      <source>上报</source>
      <translation>Report up</translation>
    </message>
    <message>
      <source>上报上级纪委</source>
      <translation>Report to the upper-level commission</translation>
    </message>
    <message>
      <source>上报说明</source>
      <translation>Note on reporting up</translation>
    </message>
    <message>
      <source>办结</source>
      <translation>Conclude</translation>
    </message>
    <message>
      <source>办结情况</source>
      <translation>How it was concluded</translation>
    </message>
    <message>
      <source>受理告知</source>
      <translation>Notice of acceptance</translation>
    </message>
    <message>
      <source>记录受理告知</source>
      <translation>Record notice of acceptance</translation>
    </message>
    <message>
      <source>记录反馈</source>
      <translation>Record feedback</translation>
    </message>
    <message>
      <source>反馈情况</source>
      <translation>Feedback given</translation>
    </message>
    <message>
      <source>时间</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>操作人</source>
      <translation>By</translation>
    </message>
    <message>
      <source>事项</source>
      <translation>Event</translation>
    </message>
    <message>
      <source>登记信息</source>
      <translation>Registration</translation>
    </message>
    <message>
      <source>时间线</source>
      <translation>Timeline</translation>
    </message>
    <message>
      <source>新登记信访件</source>
      <translation>New petition</translation>
    </message>
    <message>
      <source>编号在保存时自动生成</source>
      <translation>The number is assigned on save</translation>
    </message>
    <message>
      <source>信访件登记 — 新登记</source>
      <translation>Petition registration — new</translation>
    </message>
    <message>
      <source>信访件 {number}</source>
      <translation>Petition {number}</translation>
    </message>
    <message>
      <source>　已转为问题线索 {n}</source>
      <translation>　became lead {n}</translation>
    </message>
    <message>
      <source>查看线索</source>
      <translation>Open the lead</translation>
    </message>
    <message>
      <source>信访件登记 — {number}</source>
      <translation>Petition registration — {number}</translation>
    </message>
    <message>
      <source>重复件，原件：{n}</source>
      <translation>Duplicate of {n}</translation>
    </message>
    <message>
      <source>身份信息已加密保存，仅显示部分内容。</source>
      <translation>Identity details are stored encrypted; only part is shown.</translation>
    </message>
    <message>
      <source>点击“查看”显示完整信息（将记入审计日志）。</source>
      <translation>Click "Show" for the full details (written to the audit log).</translation>
    </message>
    <message>
      <source>未登记反映人身份信息。</source>
      <translation>No identity details of the reporter recorded.</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>已保存，编号 {n}</source>
      <translation>Saved as number {n}</translation>
    </message>
    <message>
      <source>修改已保存</source>
      <translation>Changes saved</translation>
    </message>
    <message>
      <source>部分附件未保存</source>
      <translation>Some attachments were not saved</translation>
    </message>
    <message>
      <source>登记表有尚未保存的修改。是否保存？</source>
      <translation>The form has unsaved changes. Save them?</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>放弃</source>
      <translation>Discard</translation>
    </message>
    <message>
      <source>尚未保存</source>
      <translation>Not saved yet</translation>
    </message>
  </context>
  <context>
    <name>ComplaintIdentity</name>
    <message>
      <source>实名：须填写姓名，以及联系电话或单位、地址（至少一项）。</source>
      <translation>Real-name: the name is required, plus a phone number or employer/address (at least one).</translation>
    </message>
    <message>
      <source>署名：须填写姓名，联系方式可不填。</source>
      <translation>Signed: the name is required; contact details are optional.</translation>
    </message>
    <message>
      <source>匿名：不填写反映人信息。</source>
      <translation>Anonymous: no reporter details.</translation>
    </message>
    <message>
      <source>请先选择署名情况。</source>
      <translation>Choose how the report is signed first.</translation>
    </message>
    <message>
      <source>已显示完整身份信息（本次查看已记入审计日志）。请注意保密。</source>
      <translation>Full identity details shown (this viewing is in the audit log). Keep them confidential.</translation>
    </message>
  </context>
  <context>
    <name>ComplaintSections</name>
    <message>
      <source>（请选择来源渠道）</source>
      <translation>(choose the channel)</translation>
    </message>
    <message>
      <source>（请选择类型）</source>
      <translation>(choose the type)</translation>
    </message>
    <message>
      <source>（请选择署名情况）</source>
      <translation>(choose how it is signed)</translation>
    </message>
    <message>
      <source>属上级纪委管辖（须在5个工作日内上报）</source>
      <translation>Under the higher commission's jurisdiction (report up within 5 working days)</translation>
    </message>
    <message>
      <source>上级转办交办（须在5个工作日内受理或转办）</source>
      <translation>Assigned by a higher level (accept or transfer within 5 working days)</translation>
    </message>
    <message>
      <source>属上级纪委管辖的信访件不得复制、摘抄检举控告内容（《纪检监察机关处理检举控告工作规则》第十五条）：只登记收件信息、署名情况、被反映人和问题类别（事由），不填写反映的主要问题、反映人信息，不添加附件；原件请在5个工作日内报送上级纪委。</source>
      <translation>A petition under the higher commission's jurisdiction must not be copied or excerpted (Rules on handling reports and accusations, art. 15): record only the receipt details, how it is signed, the persons reported and the problem category; do not enter the main problem or the reporter, add no attachments; send the original to the higher commission within 5 working days.</translation>
    </message>
    <message>
      <source>收件信息</source>
      <translation>Receipt</translation>
    </message>
    <message>
      <source>收件日期</source>
      <translation>Date received</translation>
    </message>
    <message>
      <source>来源渠道</source>
      <translation>Channel</translation>
    </message>
    <message>
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>署名情况</source>
      <translation>Signed as</translation>
    </message>
    <message>
      <source>接待人/登记人</source>
      <translation>Received / registered by</translation>
    </message>
    <message>
      <source>手机号或带区号的固定电话</source>
      <translation>Mobile or landline with area code</translation>
    </message>
    <message>
      <source>18位居民身份证号码（选填）</source>
      <translation>18-digit ID card number (optional)</translation>
    </message>
    <message>
      <source>查看</source>
      <translation>Show</translation>
    </message>
    <message>
      <source>显示反映人完整身份信息（将记入审计日志）</source>
      <translation>Show the reporter's full identity details (written to the audit log)</translation>
    </message>
    <message>
      <source>反映人（身份信息加密保存，严格保密）</source>
      <translation>Reporter (identity stored encrypted, strictly confidential)</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>身份证号</source>
      <translation>ID card no.</translation>
    </message>
    <message>
      <source>单位或地址</source>
      <translation>Employer or address</translation>
    </message>
    <message>
      <source>添加被反映人</source>
      <translation>Add person reported</translation>
    </message>
    <message>
      <source>删除所选</source>
      <translation>Delete selected</translation>
    </message>
    <message>
      <source>被反映人</source>
      <translation>Persons reported</translation>
    </message>
    <message>
      <source>概括反映的主要问题：时间、地点、人物、事情经过</source>
      <translation>Summarize the main problem: time, place, people, what happened</translation>
    </message>
    <message>
      <source>（未分类）</source>
      <translation>(unclassified)</translation>
    </message>
    <message>
      <source>（不涉及）</source>
      <translation>(not applicable)</translation>
    </message>
    <message>
      <source>反映的问题</source>
      <translation>Problem reported</translation>
    </message>
    <message>
      <source>反映的主要问题</source>
      <translation>Main problem reported</translation>
    </message>
    <message>
      <source>问题类别</source>
      <translation>Problem category</translation>
    </message>
    <message>
      <source>违反中央八项规定精神</source>
      <translation>Violation of the Eight-point Rules (八项规定)</translation>
    </message>
    <message>
      <source>附件（来信扫描件等，可直接拖入本窗口）</source>
      <translation>Attachments (scanned letters etc., drag them into this window)</translation>
    </message>
  </context>
  <context>
    <name>ComplaintsPage</name>
    <message>
      <source>信访登记</source>
      <translation>Complaints</translation>
    </message>
    <message>
      <source>新建 (Ctrl+N)</source>
      <translation>New (Ctrl+N)</translation>
    </message>
    <message>
      <source>导出Excel…</source>
      <translation>Export to Excel…</translation>
    </message>
    <message>
      <source>导出当前筛选结果（不含反映人身份信息）</source>
      <translation>Export the filtered list (without reporters' identity details)</translation>
    </message>
    <message>
      <source>刷新 (F5)</source>
      <translation>Refresh (F5)</translation>
    </message>
    <message>
      <source>重新读取列表（几台电脑共用服务器数据库时，显示其他人刚登记的信访件）</source>
      <translation>Read the list again (with a shared server database, shows petitions others have just registered)</translation>
    </message>
    <message>
      <source>（不限）</source>
      <translation>(any)</translation>
    </message>
    <message>
      <source>全部状态</source>
      <translation>All statuses</translation>
    </message>
    <message>
      <source>全部渠道</source>
      <translation>All channels</translation>
    </message>
    <message>
      <source>全部类型</source>
      <translation>All types</translation>
    </message>
    <message>
      <source>全部职级</source>
      <translation>All ranks</translation>
    </message>
    <message>
      <source>全部类别</source>
      <translation>All categories</translation>
    </message>
    <message>
      <source>全部办理事项</source>
      <translation>All follow-up matters</translation>
    </message>
    <message>
      <source>办理事项：待告知、待反馈、转办未回复及其已超期的</source>
      <translation>Follow-up matters: notices and feedback owed, referrals without a reply, and the overdue ones</translation>
    </message>
    <message>
      <source>搜索编号、被反映人姓名或单位、问题内容（Ctrl+F）</source>
      <translation>Search number, reported person's name or employer, content (Ctrl+F)</translation>
    </message>
    <message>
      <source>反映人电话或身份证号</source>
      <translation>Reporter's phone or ID card no.</translation>
    </message>
    <message>
      <source>清除条件</source>
      <translation>Clear filters</translation>
    </message>
    <message>
      <source>收件日期</source>
      <translation>Date received</translation>
    </message>
    <message>
      <source>至</source>
      <translation>to</translation>
    </message>
    <message>
      <source>共 {n} 件</source>
      <translation>{n} in all</translation>
    </message>
    <message>
      <source>没有符合筛选条件的信访件。
请修改搜索内容或筛选条件，或点击“清除条件”。</source>
      <translation>No petition matches the filters.
Change the search or the filters, or click "Clear filters".</translation>
    </message>
    <message>
      <source>还没有登记信访件。
点击右上角“新建”（Ctrl+N）登记来信、来访、来电或网络举报。</source>
      <translation>No petitions registered yet.
Click "New" (Ctrl+N) at the top right to register a letter, visit, call or online report.</translation>
    </message>
    <message>
      <source>还没有登记信访件。信访件由信访登记员或纪委书记登记。</source>
      <translation>No petitions registered yet. Petitions are registered by the petition clerk or the discipline secretary.</translation>
    </message>
    <message>
      <source>导出Excel</source>
      <translation>Export to Excel</translation>
    </message>
    <message>
      <source>Excel 文件 (*.xlsx)</source>
      <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
      <source>正在导出……</source>
      <translation>Exporting…</translation>
    </message>
    <message>
      <source>已导出 {n} 件到 {path}</source>
      <translation>Exported {n} to {path}</translation>
    </message>
  </context>
  <context>
    <name>ContactDialog</name>
    <message>
      <source>反馈</source>
      <translation>Feedback</translation>
    </message>
    <message>
      <source>告知</source>
      <translation>Notice</translation>
    </message>
    <message>
      <source>{what}日期</source>
      <translation>{what} date</translation>
    </message>
    <message>
      <source>{what}方式</source>
      <translation>{what} method</translation>
    </message>
    <message>
      <source>{what}人</source>
      <translation>{what} by</translation>
    </message>
    <message>
      <source>反映人意见</source>
      <translation>Reporter's opinion</translation>
    </message>
    <message>
      <source>情况说明</source>
      <translation>Remarks</translation>
    </message>
    <message>
      <source>打印反馈告知书…</source>
      <translation>Print the feedback notice…</translation>
    </message>
    <message>
      <source>打印受理告知书…</source>
      <translation>Print the acceptance notice…</translation>
    </message>
    <message>
      <source>按上面的日期打印告知书（书面告知时交给反映人）；打印记入该件的办理记录</source>
      <translation>Print the notice with the date above (handed to the reporter when notified in writing); the printing is recorded in the petition's history</translation>
    </message>
    <message>
      <source>反馈告知书</source>
      <translation>Feedback notice</translation>
    </message>
    <message>
      <source>受理告知书</source>
      <translation>Acceptance notice</translation>
    </message>
  </context>
  <context>
    <name>CounterCard</name>
    <message>
      <source>本月{what}</source>
      <translation>This month: {what}</translation>
    </message>
    <message>
      <source>增加 {n}</source>
      <translation>up {n}</translation>
    </message>
    <message>
      <source>减少 {n}</source>
      <translation>down {n}</translation>
    </message>
    <message>
      <source>持平</source>
      <translation>unchanged</translation>
    </message>
    <message>
      <source>去年同期 {n}　&lt;span style='color:{color}'&gt;{arrow} {change}&lt;/span&gt;</source>
      <translation>Same days last year {n}　&lt;span style='color:{color}'&gt;{arrow} {change}&lt;/span&gt;</translation>
    </message>
  </context>
  <context>
    <name>CountyCertificatesTab</name>
    <message>
      <source>县纪委是本县各乡镇电子签名的发证机构：先创建一次根证书，把根证书文件发给各乡镇；乡镇交来证书申请文件（.csr）后为其签发证书，证书文件交回乡镇安装。根证书私钥的口令由县纪委掌握，系统不保存。</source>
      <translation>The county commission issues the electronic signature certificates of the county's townships: create the root certificate once and hand the root certificate file to every township; when a township brings its certificate request (.csr), issue its certificate and hand the file back for installation. The county commission keeps the root key's passphrase; the system does not store it.</translation>
    </message>
    <message>
      <source>县纪委根证书</source>
      <translation>County root certificate</translation>
    </message>
    <message>
      <source>状态：</source>
      <translation>Status:</translation>
    </message>
    <message>
      <source>主题：</source>
      <translation>Subject:</translation>
    </message>
    <message>
      <source>有效期至：</source>
      <translation>Valid until:</translation>
    </message>
    <message>
      <source>指纹：</source>
      <translation>Fingerprint:</translation>
    </message>
    <message>
      <source>初始化根证书…</source>
      <translation>Create root certificate…</translation>
    </message>
    <message>
      <source>导出根证书（发给各乡镇）…</source>
      <translation>Export root certificate (for the townships)…</translation>
    </message>
    <message>
      <source>签发的证书</source>
      <translation>Issued certificates</translation>
    </message>
    <message>
      <source>选择乡镇交来的证书申请文件（.csr），输入根证书口令，保存签发的证书文件（.pem），连同根证书一起交回乡镇。证书有效期两年。</source>
      <translation>Choose the certificate request (.csr) a township brought, enter the root passphrase, save the issued certificate (.pem) and hand it back with the root certificate. Certificates are valid for two years.</translation>
    </message>
    <message>
      <source>签发证书…</source>
      <translation>Issue certificate…</translation>
    </message>
    <message>
      <source>吊销所选证书…</source>
      <translation>Revoke selected certificate…</translation>
    </message>
    <message>
      <source>导出吊销列表…</source>
      <translation>Export revocation list…</translation>
    </message>
    <message>
      <source>还没有签发过证书。</source>
      <translation>No certificates issued yet.</translation>
    </message>
    <message>
      <source>尚未创建根证书：请先“初始化根证书”</source>
      <translation>No root certificate yet: first "Create root certificate"</translation>
    </message>
    <message>
      <source>✓ 已创建</source>
      <translation>✓ Created</translation>
    </message>
    <message>
      <source>初始化根证书</source>
      <translation>Create root certificate</translation>
    </message>
    <message>
      <source>设置根证书私钥口令（至少 8 个字符，请牢记并妥善保管，系统不保存）：</source>
      <translation>Set the root private key's passphrase (at least 8 characters; remember it and keep it safe, the system does not store it):</translation>
    </message>
    <message>
      <source>正在生成根证书……</source>
      <translation>Creating the root certificate…</translation>
    </message>
    <message>
      <source>保存根证书</source>
      <translation>Save root certificate</translation>
    </message>
    <message>
      <source>证书文件 (*.pem)</source>
      <translation>Certificate files (*.pem)</translation>
    </message>
    <message>
      <source>根证书已保存：{p}
请将此文件发给各乡镇纪委，与各自的证书一起安装。</source>
      <translation>Root certificate saved: {p}
Hand this file to every township commission, to install with its own certificate.</translation>
    </message>
    <message>
      <source>签发证书</source>
      <translation>Issue certificate</translation>
    </message>
    <message>
      <source>选择乡镇的证书申请文件</source>
      <translation>Choose the township's certificate request</translation>
    </message>
    <message>
      <source>证书申请文件 (*.csr *.pem);;所有文件 (*)</source>
      <translation>Certificate requests (*.csr *.pem);;All files (*)</translation>
    </message>
    <message>
      <source>输入根证书私钥口令：</source>
      <translation>Enter the root private key's passphrase:</translation>
    </message>
    <message>
      <source>{m}

确定为其换发新证书吗？原证书在有效期内仍可使用，如需停用请吊销。</source>
      <translation>{m}

Issue a new certificate? The old one stays usable until it expires; revoke it to stop it.</translation>
    </message>
    <message>
      <source>保存签发的证书</source>
      <translation>Save the issued certificate</translation>
    </message>
    <message>
      <source>已为{name}（{code}）签发证书，有效期至 {d}：{p}
请将此文件连同根证书（{root}）交回乡镇安装。</source>
      <translation>Certificate issued for {name} ({code}), valid until {d}: {p}
Hand this file back to the township with the root certificate ({root}).</translation>
    </message>
    <message>
      <source>吊销证书</source>
      <translation>Revoke certificate</translation>
    </message>
    <message>
      <source>吊销{name}（{code}）序列号 {s} 的证书。
吊销原因：</source>
      <translation>Revoke the certificate of {name} ({code}) with serial number {s}.
Reason:</translation>
    </message>
    <message>
      <source>已吊销{name}（{code}）序列号 {s} 的证书，此后用它签名的报送包将被拒收。吊销列表已更新，可“导出吊销列表”发给各乡镇。</source>
      <translation>The certificate of {name} ({code}) with serial number {s} is revoked; packages signed with it will be refused. The revocation list is updated; use "Export revocation list" for the townships.</translation>
    </message>
    <message>
      <source>导出吊销列表</source>
      <translation>Export revocation list</translation>
    </message>
    <message>
      <source>输入根证书私钥口令（签发新的吊销列表，有效 30 天）：</source>
      <translation>Enter the root private key's passphrase (issues a new revocation list, valid 30 days):</translation>
    </message>
    <message>
      <source>吊销列表 (*.pem *.crl)</source>
      <translation>Revocation lists (*.pem *.crl)</translation>
    </message>
    <message>
      <source>吊销列表已保存：{p}</source>
      <translation>Revocation list saved: {p}</translation>
    </message>
  </context>
  <context>
    <name>CountySubmissionPage</name>
    <message>
      <source>报送接收与汇总</source>
      <translation>Receiving and consolidation</translation>
    </message>
    <message>
      <source>报送接收</source>
      <translation>Receive packages</translation>
    </message>
    <message>
      <source>汇总</source>
      <translation>Consolidation</translation>
    </message>
    <message>
      <source>插入乡镇交来的U盘，选择U盘或其中的文件夹：系统找出其中全部报送包，先复制到本机再逐项核验（文件完整性、两处电子签名、证书链和吊销状态、单位、报告期和版次），通过的才导入汇总。</source>
      <translation>Insert the USB stick a township brought and choose it or a folder on it: the system finds every package there, copies it to this computer and checks each item (file integrity, both signatures, certificate chain and revocation, office, period and edition); only packages that pass are consolidated.</translation>
    </message>
    <message>
      <source>选择文件夹或U盘并接收…</source>
      <translation>Choose a folder or USB stick and receive…</translation>
    </message>
    <message>
      <source>查看所选文件包的核验详情…</source>
      <translation>Show the checks of the selected package…</translation>
    </message>
    <message>
      <source>乡镇</source>
      <translation>Township</translation>
    </message>
    <message>
      <source>月份</source>
      <translation>Month</translation>
    </message>
    <message>
      <source>版次</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>结果</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>本次还没有接收文件包。接收后，每个文件包的核验结果（通过或拒收及原因）列在这里。</source>
      <translation>No packages received yet. After receiving, each package's result (accepted or refused, and why) is listed here.</translation>
    </message>
    <message>
      <source>您没有“接收乡镇报送包”的权限</source>
      <translation>You do not have the right to receive township packages</translation>
    </message>
    <message>
      <source>选择U盘或存放报送包的文件夹</source>
      <translation>Choose the USB stick or the folder with the packages</translation>
    </message>
    <message>
      <source>正在逐项核验并接收报送包……</source>
      <translation>Checking and receiving packages…</translation>
    </message>
    <message>
      <source>（无法识别）</source>
      <translation>(not recognized)</translation>
    </message>
    <message>
      <source>通过</source>
      <translation>Passed</translation>
    </message>
    <message>
      <source>拒收</source>
      <translation>Refused</translation>
    </message>
    <message>
      <source>未导入</source>
      <translation>Not imported</translation>
    </message>
    <message>
      <source>已导入，取代已接收的第 {n} 版</source>
      <translation>Imported, replacing edition {n} received before</translation>
    </message>
    <message>
      <source>全部检查通过，已导入</source>
      <translation>All checks passed, imported</translation>
    </message>
    <message>
      <source>从 {p} 接收 {n} 个文件包：通过 {g} 个，拒收或未导入 {b} 个。</source>
      <translation>Received {n} packages from {p}: {g} passed, {b} refused or not imported.</translation>
    </message>
    <message>
      <source>接收</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>报送包核验详情</source>
      <translation>Package checks</translation>
    </message>
    <message>
      <source>未导入：</source>
      <translation>Not imported:</translation>
    </message>
    <message>
      <source>{y}年</source>
      <translation>{y}</translation>
    </message>
    <message>
      <source>{m}月</source>
      <translation>{m}</translation>
    </message>
    <message>
      <source>导出PDF…</source>
      <translation>Export PDF…</translation>
    </message>
    <message>
      <source>导出Excel…</source>
      <translation>Export to Excel…</translation>
    </message>
    <message>
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>报告期：</source>
      <translation>Period:</translation>
    </message>
    <message>
      <source>各乡镇报送情况（数字为元至本月）</source>
      <translation>Townships' submissions (figures from January to this month)</translation>
    </message>
    <message>
      <source>报送</source>
      <translation>Submission</translation>
    </message>
    <message>
      <source>已报送</source>
      <translation>Submitted</translation>
    </message>
    <message>
      <source>未报送</source>
      <translation>Not submitted</translation>
    </message>
    <message>
      <source>单位代码 {c}</source>
      <translation>Office code {c}</translation>
    </message>
    <message>
      <source>{p}：已报送 {s} 个乡镇，共 {n} 个</source>
      <translation>{p}: {s} of {n} townships submitted</translation>
    </message>
    <message>
      <source>还没有登记乡镇：为乡镇签发证书时自动登记（设置 → 证书）。</source>
      <translation>No townships registered yet: a township is registered when its certificate is issued (Settings → Certificates).</translation>
    </message>
    <message>
      <source>未报送（{n} 个）：{names}</source>
      <translation>Not submitted ({n}): {names}</translation>
    </message>
    <message>
      <source>各乡镇均已报送。</source>
      <translation>All townships have submitted.</translation>
    </message>
    <message>
      <source>正在生成汇总表……</source>
      <translation>Building the consolidated report…</translation>
    </message>
    <message>
      <source>导出失败</source>
      <translation>Export failed</translation>
    </message>
    <message>
      <source>导出PDF</source>
      <translation>Export PDF</translation>
    </message>
    <message>
      <source>PDF 文件 (*.pdf)</source>
      <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
      <source>导出Excel</source>
      <translation>Export to Excel</translation>
    </message>
    <message>
      <source>Excel 工作簿 (*.xlsx)</source>
      <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
      <source>已导出：{p}</source>
      <translation>Exported: {p}</translation>
    </message>
  </context>
  <context>
    <name>DashboardPage</name>
    <message>
      <source>收到信访举报</source>
      <translation>Petitions received</translation>
    </message>
    <message>
      <source>处置问题线索</source>
      <translation>Leads disposed of</translation>
    </message>
    <message>
      <source>立案</source>
      <translation>Case opened</translation>
    </message>
    <message>
      <source>{m}月</source>
      <translation>{m}</translation>
    </message>
    <message>
      <source>工作台</source>
      <translation>Workbench</translation>
    </message>
    <message>
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>即将到期和已超期事项</source>
      <translation>Due soon and overdue</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>编号</source>
      <translation>Number</translation>
    </message>
    <message>
      <source>到期事项</source>
      <translation>Item due</translation>
    </message>
    <message>
      <source>到期日</source>
      <translation>Due date</translation>
    </message>
    <message>
      <source>剩余/超期</source>
      <translation>Left / overdue</translation>
    </message>
    <message>
      <source>没有即将到期或已超期的事项。</source>
      <translation>Nothing is due soon or overdue.</translation>
    </message>
    <message>
      <source>近12个月趋势（件）</source>
      <translation>Last 12 months (count)</translation>
    </message>
    <message>
      <source>{y}年{m}月</source>
      <translation>{y}-{m}</translation>
    </message>
    <message>
      <source>本月至今：{y}年{m}月{a}日至{b}日　（与去年同期 {ly}年{lm}月{la}日至{lb}日比较）</source>
      <translation>This month so far: {y}-{m}-{a} to {b}　(compared with the same days last year, {ly}-{lm}-{la} to {lb})</translation>
    </message>
    <message>
      <source>超期 {n} 个工作日</source>
      <translation>{n} working days overdue</translation>
    </message>
    <message>
      <source>今日到期</source>
      <translation>Due today</translation>
    </message>
    <message>
      <source>剩余 {n} 个工作日</source>
      <translation>{n} working days left</translation>
    </message>
    <message>
      <source>即将到期和已超期事项（已超期 {o} 项，即将到期 {s} 项）</source>
      <translation>Due soon and overdue ({o} overdue, {s} due soon)</translation>
    </message>
    <message>
      <source>月份（{a}年{b}月—{c}年{d}月）</source>
      <translation>Month ({a}-{b} to {c}-{d})</translation>
    </message>
    <message>
      <source>件数</source>
      <translation>Count</translation>
    </message>
  </context>
  <context>
    <name>DatabaseChoice</name>
    <message>
      <source>本机数据库（单机，默认）</source>
      <translation>Database on this PC (single desk, default)</translation>
    </message>
    <message>
      <source>服务器数据库（PostgreSQL，多人共用）</source>
      <translation>Server database (PostgreSQL, shared by several desks)</translation>
    </message>
    <message>
      <source>数据保存在这台电脑的数据目录中，适合一人使用。</source>
      <translation>Data is kept in this PC's data folder; suits one user.</translation>
    </message>
    <message>
      <source>本单位几台电脑共用局域网服务器上的一个数据库。数据库和数据库用户由服务器管理员事先建好（见使用说明“服务器数据库”）。</source>
      <translation>Several PCs of this office share one database on a LAN server. The server administrator creates the database and its user beforehand (see "Server database" in the manual).</translation>
    </message>
    <message>
      <source>例如：192.168.1.10 或 jjserver</source>
      <translation>e.g.: 192.168.1.10 or jjserver</translation>
    </message>
    <message>
      <source>例如：jijian</source>
      <translation>e.g.: jijian</translation>
    </message>
    <message>
      <source>例如：jijian_app</source>
      <translation>e.g.: jijian_app</translation>
    </message>
    <message>
      <source>测试连接</source>
      <translation>Test connection</translation>
    </message>
    <message>
      <source>服务器地址</source>
      <translation>Server address</translation>
    </message>
    <message>
      <source>端口</source>
      <translation>Port</translation>
    </message>
    <message>
      <source>数据库名</source>
      <translation>Database name</translation>
    </message>
    <message>
      <source>数据库用户</source>
      <translation>Database user</translation>
    </message>
    <message>
      <source>口令不会保存，每次启动时输入；已设置口令文件（PGPASSFILE）时可不填</source>
      <translation>The password is not saved and is asked at each start; leave it empty when a password file (PGPASSFILE) is set</translation>
    </message>
    <message>
      <source>口令不会保存，每次启动时输入</source>
      <translation>The password is not saved and is asked at each start</translation>
    </message>
    <message>
      <source>口令</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>正在连接……</source>
      <translation>Connecting…</translation>
    </message>
  </context>
  <context>
    <name>DatabasePage</name>
    <message>
      <source>第一步：数据保存在哪里</source>
      <translation>Step 1: where the data is kept</translation>
    </message>
    <message>
      <source>只有这一台电脑使用本系统时，保持“本机数据库”即可；本单位几台电脑共用数据时，选择服务器数据库。</source>
      <translation>When only this PC uses the app, keep "Database on this PC"; when several PCs of the office share data, choose the server database.</translation>
    </message>
  </context>
  <context>
    <name>DateEdit</name>
    <message>
      <source>（不限）</source>
      <translation>(any)</translation>
    </message>
    <message>
      <source>在日历中选择</source>
      <translation>Choose in the calendar</translation>
    </message>
    <message>
      <source>日期不能为空，已恢复为 {shown}。</source>
      <translation>The date cannot be empty; restored to {shown}.</translation>
    </message>
    <message>
      <source>“{text}”不是有效日期，已恢复为 {shown}。可输入 {forms}。</source>
      <translation>"{text}" is not a valid date; restored to {shown}. You can type {forms}.</translation>
    </message>
    <message>
      <source>2026-12-06、2026/12/6、20261206 或 2026年12月6日</source>
      <translation>2026-12-06, 2026/12/6, 20261206 or “2026年12月6日”</translation>
    </message>
    <message>
      <source>日期不能早于 {date}</source>
      <translation>The date cannot be before {date}</translation>
    </message>
    <message>
      <source>日期不能晚于 {date}</source>
      <translation>The date cannot be after {date}</translation>
    </message>
    <message>
      <source>{limit}，已恢复为 {shown}。</source>
      <translation>{limit}; restored to {shown}.</translation>
    </message>
  </context>
  <context>
    <name>DeadlineDays</name>
    <message>
      <source>已录入 {day}：{kind}</source>
      <translation>Entered {day}: {kind}</translation>
    </message>
    <message>
      <source>删除 {day} 的节假日调整？删除后该日按系统内置安排计算。</source>
      <translation>Delete the holiday adjustment of {day}? The day then follows the built-in calendar.</translation>
    </message>
    <message>
      <source>删除节假日调整</source>
      <translation>Delete holiday adjustment</translation>
    </message>
    <message>
      <source>已删除 {day}</source>
      <translation>Deleted {day}</translation>
    </message>
  </context>
  <context>
    <name>DeadlineImport</name>
    <message>
      <source>导入…</source>
      <translation>Import…</translation>
    </message>
    <message>
      <source>从文本或 Excel 文件导入一年的放假安排，每行：日期,休 或 日期,班</source>
      <translation>Import a year's holiday schedule from a text or Excel file, one line each: date,休 (day off) or date,班 (working day)</translation>
    </message>
    <message>
      <source>导入模板…</source>
      <translation>Import template…</translation>
    </message>
    <message>
      <source>确认已完整录入…</source>
      <translation>Confirm complete…</translation>
    </message>
    <message>
      <source>按国务院办公厅通知录入某年的全部放假和调休上班日期后确认，不再提示该年安排未录入</source>
      <translation>After entering all of a year's holidays and make-up working days from the State Council notice, confirm; the year is then no longer reported as missing</translation>
    </message>
    <message>
      <source>选择放假安排文件</source>
      <translation>Choose the holiday schedule file</translation>
    </message>
    <message>
      <source>已导入{year}年放假安排 {days} 天（新增 {added}，修改 {changed}）</source>
      <translation>Imported the {year} holiday schedule: {days} days ({added} new, {changed} changed)</translation>
    </message>
    <message>
      <source>；</source>
      <translation>; </translation>
    </message>
    <message>
      <source>保存放假安排模板</source>
      <translation>Save the holiday schedule template</translation>
    </message>
    <message>
      <source>{year}年放假安排.xlsx</source>
      <translation>Holidays {year}.xlsx</translation>
    </message>
    <message>
      <source>Excel 工作簿 (*.xlsx);;文本文件 (*.txt)</source>
      <translation>Excel workbooks (*.xlsx);;Text files (*.txt)</translation>
    </message>
    <message>
      <source>已保存模板：{path}</source>
      <translation>Template saved: {path}</translation>
    </message>
    <message>
      <source>近期各年份的放假安排均已齐全，无需确认。</source>
      <translation>The holiday schedules of recent years are complete; nothing to confirm.</translation>
    </message>
    <message>
      <source>确认已完整录入</source>
      <translation>Confirm complete</translation>
    </message>
    <message>
      <source>是否已按国务院办公厅通知录入{year}年的全部放假和调休上班日期？确认后不再提示{year}年的安排未录入。</source>
      <translation>Have all the {year} holidays and make-up working days from the State Council notice been entered? After confirming, {year} is no longer reported as missing.</translation>
    </message>
    <message>
      <source>已确认{year}年放假安排已完整录入</source>
      <translation>The {year} holiday schedule is confirmed complete</translation>
    </message>
  </context>
  <context>
    <name>DeadlineLimits</name>
    <message>
      <source>已保存的办理时限设置有误（{msg}），下表按默认值显示；保存后即可更正。</source>
      <translation>The saved time-limit settings are wrong ({msg}); the table shows the defaults. Saving corrects them.</translation>
    </message>
    <message>
      <source>已恢复为默认值，点击“保存”后生效。</source>
      <translation>Defaults restored; they take effect when you click "Save".</translation>
    </message>
    <message>
      <source>当前已是默认值。</source>
      <translation>These are already the defaults.</translation>
    </message>
    <message>
      <source>办理时限已保存，未办结事项的到期日已按新期限计算。</source>
      <translation>Time limits saved; the due dates of open items follow the new limits.</translation>
    </message>
    <message>
      <source>办理时限没有变化。</source>
      <translation>The time limits did not change.</translation>
    </message>
    <message>
      <source>办理时限有未保存的修改，是否保存？</source>
      <translation>The time limits have unsaved changes. Save them?</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>放弃修改</source>
      <translation>Discard changes</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>未保存的修改</source>
      <translation>Unsaved changes</translation>
    </message>
  </context>
  <context>
    <name>DeadlinesTab</name>
    <message>
      <source>事项</source>
      <translation>Event</translation>
    </message>
    <message>
      <source>默认</source>
      <translation>Default</translation>
    </message>
    <message>
      <source>当前</source>
      <translation>Current</translation>
    </message>
    <message>
      <source>适用</source>
      <translation>Applies to</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>恢复默认</source>
      <translation>Restore defaults</translation>
    </message>
    <message>
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>说明</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>尚未录入任何日期：工作日全部按系统内置的国务院放假安排计算。</source>
      <translation>No dates entered: working days follow the built-in State Council holiday schedule.</translation>
    </message>
    <message>
      <source>新增…</source>
      <translation>New…</translation>
    </message>
    <message>
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>只有系统管理员和纪委书记可以修改办理时限和节假日安排，您可以查看。</source>
      <translation>Only the system administrator and the discipline secretary can change time limits and holidays; you can view them.</translation>
    </message>
    <message>
      <source>办理时限</source>
      <translation>Time limits</translation>
    </message>
    <message>
      <source>“工作日”跳过周末、法定节假日并计入调休上班日；按“日”“个月”计算的期限，期满日遇休息日顺延至下一个工作日。修改后，所有未办结事项的到期日按新期限重新计算。</source>
      <translation>"Working days" skip weekends and public holidays and count make-up working days; a limit in days or months that ends on a day off moves to the next working day. After a change, every open item's due date is recalculated.</translation>
    </message>
    <message>
      <source>节假日与调休</source>
      <translation>Holidays and make-up days</translation>
    </message>
    <message>
      <source>系统内置国务院办公厅公布的放假安排。在此录入的日期优先于内置安排：用于录入新一年的放假和调休安排，或本地的临时调整。</source>
      <translation>The State Council's published holiday schedules are built in. Dates entered here take precedence: for a new year's holidays and make-up days, or a local adjustment.</translation>
    </message>
  </context>
  <context>
    <name>DraftEditor</name>
    <message>
      <source>填写本月信访举报和案件办理情况的说明，如主要特点、重点工作、存在问题等。</source>
      <translation>Describe this month's petitions and case work: main features, key work, problems.</translation>
    </message>
    <message>
      <source>情况说明</source>
      <translation>Remarks</translation>
    </message>
    <message>
      <source>表尾</source>
      <translation>Footer</translation>
    </message>
    <message>
      <source>单位（盖章）：</source>
      <translation>Office (seal):</translation>
    </message>
    <message>
      <source>负责人：</source>
      <translation>Head:</translation>
    </message>
    <message>
      <source>审核人：</source>
      <translation>Checked by:</translation>
    </message>
    <message>
      <source>填表人：</source>
      <translation>Filled in by:</translation>
    </message>
    <message>
      <source>联系电话：</source>
      <translation>Phone:</translation>
    </message>
    <message>
      <source>填报日期：</source>
      <translation>Date filed:</translation>
    </message>
    <message>
      <source>（未填）</source>
      <translation>(not filled in)</translation>
    </message>
    <message>
      <source>如 0871-1234567 或 13800001111</source>
      <translation>e.g. 0871-1234567 or 13800001111</translation>
    </message>
    <message>
      <source>{n} / {max} 字</source>
      <translation>{n} / {max} characters</translation>
    </message>
    <message>
      <source>正在保存……</source>
      <translation>Saving…</translation>
    </message>
    <message>
      <source>保存失败</source>
      <translation>Save failed</translation>
    </message>
    <message>
      <source>{p}月报的情况说明或表尾有未保存的修改，是否保存？</source>
      <translation>The notes or footer of the {p} report have unsaved changes. Save them?</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>放弃修改</source>
      <translation>Discard changes</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>未保存的修改</source>
      <translation>Unsaved changes</translation>
    </message>
  </context>
  <context>
    <name>DueReminder</name>
    <message>
      <source>查看即将到期和已超期事项</source>
      <translation>Show items due soon and overdue</translation>
    </message>
    <message>
      <source>您有 {o} 项已超期、{s} 项即将到期</source>
      <translation>You have {o} overdue and {s} due soon</translation>
    </message>
  </context>
  <context>
    <name>EditorRowsTable</name>
    <message>
      <source>第{n}行：{msg}</source>
      <translation>Row {n}: {msg}</translation>
    </message>
  </context>
  <context>
    <name>EightRulesField</name>
    <message>
      <source>违反中央八项规定精神</source>
      <translation>Violation of the Eight-point Rules (八项规定)</translation>
    </message>
    <message>
      <source>（请选择问题类型）</source>
      <translation>(choose the problem type)</translation>
    </message>
  </context>
  <context>
    <name>EnumCombo</name>
    <message>
      <source>（未选择）</source>
      <translation>(none chosen)</translation>
    </message>
  </context>
  <context>
    <name>ErrorPage</name>
    <message>
      <source>“{title}”页面加载失败，其他功能不受影响。请将下面的错误信息告知系统管理员。</source>
      <translation>The page “{title}” failed to load; everything else still works. Please pass the error below to your administrator.</translation>
    </message>
  </context>
  <context>
    <name>FirstUserPage</name>
    <message>
      <source>第三步：第一个用户</source>
      <translation>Step 3: the first user</translation>
    </message>
    <message>
      <source>这个用户同时是系统管理员和纪委书记，之后可在“设置”中添加其他用户。</source>
      <translation>This user is both administrator and commission secretary. Add other users later under “Settings”.</translation>
    </message>
    <message>
      <source>登录用，例如：wang</source>
      <translation>For signing in, e.g. wang</translation>
    </message>
    <message>
      <source>例如：王书记</source>
      <translation>e.g. Secretary Wang</translation>
    </message>
    <message>
      <source>用户名</source>
      <translation>User name</translation>
    </message>
    <message>
      <source>2到40位字母、数字或 _ . -</source>
      <translation>2 to 40 letters, digits or _ . -</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>密码</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>再次输入密码</source>
      <translation>Repeat password</translation>
    </message>
  </context>
  <context>
    <name>HolidayDialog</name>
    <message>
      <source>新增节假日调整</source>
      <translation>New holiday adjustment</translation>
    </message>
    <message>
      <source>放假（不计为工作日）</source>
      <translation>Day off (not a working day)</translation>
    </message>
    <message>
      <source>调休上班（计为工作日）</source>
      <translation>Make-up working day (a working day)</translation>
    </message>
    <message>
      <source>例如：春节调休、镇里统一补班</source>
      <translation>e.g. Spring Festival make-up day, township-wide working day</translation>
    </message>
    <message>
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>说明</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>添加</source>
      <translation>Add</translation>
    </message>
    <message>
      <source>目前按工作日计算</source>
      <translation>Currently a working day</translation>
    </message>
    <message>
      <source>目前按休息日计算</source>
      <translation>Currently a day off</translation>
    </message>
  </context>
  <context>
    <name>IdentityGrantsTab</name>
    <message>
      <source>已授权</source>
      <translation>Granted</translation>
    </message>
    <message>
      <source>待授权</source>
      <translation>Waiting for a grant</translation>
    </message>
    <message>
      <source>需先登录一次</source>
      <translation>Must sign in once first</translation>
    </message>
    <message>
      <source>用户名</source>
      <translation>User name</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>角色</source>
      <translation>Roles</translation>
    </message>
    <message>
      <source>身份信息</source>
      <translation>Identities</translation>
    </message>
    <message>
      <source>授权</source>
      <translation>Grant</translation>
    </message>
    <message>
      <source>角色为纪委书记或信访登记员的用户，还需授权才能查看反映人身份信息和信访件附件。由未持有密钥的系统管理员新建的用户、被重置密码的用户显示为“待授权”；授权时该用户不必在场。</source>
      <translation>Users whose role is secretary or complaints clerk also need a grant to see complainants' identities and complaint attachments. Users created by an administrator who holds no key, and users whose password was reset, show as “Waiting for a grant”; the user need not be present for the grant.</translation>
    </message>
    <message>
      <source>已授权 {user} 查看反映人身份信息，其下次登录时生效</source>
      <translation>{user} may now see complainants' identities, from their next sign-in</translation>
    </message>
  </context>
  <context>
    <name>IdleLock</name>
    <message>
      <source>已锁定</source>
      <translation>Locked</translation>
    </message>
  </context>
  <context>
    <name>ImportLedgerDialog</name>
    <message>
      <source>工作表</source>
      <translation>Sheet</translation>
    </message>
    <message>
      <source>行</source>
      <translation>Row</translation>
    </message>
    <message>
      <source>列</source>
      <translation>Column</translation>
    </message>
    <message>
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>条数</source>
      <translation>Rows</translation>
    </message>
    <message>
      <source>导入既有台账</source>
      <translation>Import existing ledgers</translation>
    </message>
    <message>
      <source>导入既有 Excel 台账</source>
      <translation>Import existing Excel ledgers</translation>
    </message>
    <message>
      <source>可导入“信访件”“问题线索”“案件”“处分处理”“一案双查”五个工作表。先点“检查”：系统逐行检查全部内容，不写入任何数据；没有问题时才能“导入”，导入时全部写入或全部不写入。格式不清楚时，请先下载模板。</source>
      <translation>Five sheets can be imported: 信访件 (petitions), 问题线索 (leads), 案件 (cases), 处分处理 (sanctions) and 一案双查 (dual accountability). First click "Check": every row is checked and nothing is written; only without problems can you "Import", which writes everything or nothing. If the format is unclear, download the template first.</translation>
    </message>
    <message>
      <source>请选择 Excel 工作簿（.xlsx）</source>
      <translation>Choose an Excel workbook (.xlsx)</translation>
    </message>
    <message>
      <source>工作簿文件</source>
      <translation>Workbook file</translation>
    </message>
    <message>
      <source>选择文件…</source>
      <translation>Choose file…</translation>
    </message>
    <message>
      <source>下载模板…</source>
      <translation>Download template…</translation>
    </message>
    <message>
      <source>工作簿：</source>
      <translation>Workbook:</translation>
    </message>
    <message>
      <source>尚未检查。选择工作簿后点“检查”，检查结果（每个工作表的条数，或每一处问题所在的工作表、行、列和原因）显示在这里。</source>
      <translation>Not checked yet. Choose a workbook and click "Check"; the result (rows per sheet, or each problem's sheet, row, column and reason) is shown here.</translation>
    </message>
    <message>
      <source>检查</source>
      <translation>Check</translation>
    </message>
    <message>
      <source>导入</source>
      <translation>Import</translation>
    </message>
    <message>
      <source>检查通过后才能导入</source>
      <translation>Import is possible after a passed check</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>选择要导入的台账</source>
      <translation>Choose the ledger to import</translation>
    </message>
    <message>
      <source>Excel 工作簿 (*.xlsx *.xlsm)</source>
      <translation>Excel workbooks (*.xlsx *.xlsm)</translation>
    </message>
    <message>
      <source>台账导入模板.xlsx</source>
      <translation>Ledger import template.xlsx</translation>
    </message>
    <message>
      <source>保存导入模板</source>
      <translation>Save the import template</translation>
    </message>
    <message>
      <source>Excel 工作簿 (*.xlsx)</source>
      <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
      <source>模板未保存</source>
      <translation>Template not saved</translation>
    </message>
    <message>
      <source>模板已保存到：
{path}

按模板填写后，回到这里选择该文件并点“检查”。</source>
      <translation>Template saved to:
{path}

Fill it in, then come back here, choose the file and click "Check".</translation>
    </message>
    <message>
      <source>下载模板</source>
      <translation>Download template</translation>
    </message>
    <message>
      <source>请先选择要导入的 Excel 工作簿。</source>
      <translation>Choose the Excel workbook to import first.</translation>
    </message>
    <message>
      <source>正在检查工作簿……</source>
      <translation>Checking the workbook…</translation>
    </message>
    <message>
      <source>正在导入……</source>
      <translation>Importing…</translation>
    </message>
    <message>
      <source>检查未完成</source>
      <translation>Check not completed</translation>
    </message>
    <message>
      <source>导入未完成</source>
      <translation>Import not completed</translation>
    </message>
    <message>
      <source>检查通过，但工作簿中没有可导入的数据行。请确认工作表名称与模板一致（信访件、问题线索、案件、处分处理、一案双查），数据从第 2 行开始。</source>
      <translation>Check passed, but the workbook has no data rows to import. Make sure the sheet names match the template (信访件, 问题线索, 案件, 处分处理, 一案双查) and the data starts on row 2.</translation>
    </message>
    <message>
      <source>检查通过，没有发现问题，共 {n} 条，可以导入：{detail}。{ignored}</source>
      <translation>Check passed, no problems, {n} rows ready to import: {detail}. {ignored}</translation>
    </message>
    <message>
      <source>发现 {n} 处问题，未导入任何数据。请按下表修改工作簿后重新检查。{ignored}</source>
      <translation>Found {n} problems; nothing imported. Correct the workbook as listed below and check again. {ignored}</translation>
    </message>
    <message>
      <source>工作簿在检查之后被修改过，请重新检查。</source>
      <translation>The workbook changed after the check; please check again.</translation>
    </message>
    <message>
      <source>将导入 {n} 条记录（{detail}）。导入后会记入审计日志，确定导入吗？</source>
      <translation>{n} records will be imported ({detail}). The import is written to the audit log. Import now?</translation>
    </message>
    <message>
      <source>确认导入</source>
      <translation>Confirm import</translation>
    </message>
    <message>
      <source>导入完成：{detail}。</source>
      <translation>Import finished: {detail}.</translation>
    </message>
    <message>
      <source>发现 {n} 处问题，未导入任何数据。</source>
      <translation>Found {n} problems; nothing imported.</translation>
    </message>
    <message>
      <source>（以下工作表名称不认识，已忽略：{names}）</source>
      <translation>(sheet names not recognized, ignored: {names})</translation>
    </message>
    <message>
      <source>（整个工作簿）</source>
      <translation>(the whole workbook)</translation>
    </message>
  </context>
  <context>
    <name>ItemDialog</name>
    <message>
      <source>时间线</source>
      <translation>Timeline</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>本表有尚未保存的修改。要保存吗？</source>
      <translation>This form has unsaved changes. Save them?</translation>
    </message>
    <message>
      <source>放弃</source>
      <translation>Discard</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>有未保存的修改</source>
      <translation>Unsaved changes</translation>
    </message>
  </context>
  <context>
    <name>ItemListPage</name>
    <message>
      <source>案件</source>
      <translation>Cases</translation>
    </message>
    <message>
      <source>直接立案</source>
      <translation>Open case directly</translation>
    </message>
    <message>
      <source>搜索编号、姓名、单位、内容（Ctrl+F）</source>
      <translation>Search number, name, employer, content (Ctrl+F)</translation>
    </message>
    <message>
      <source>（Ctrl+N）</source>
      <translation>(Ctrl+N)</translation>
    </message>
    <message>
      <source>导出Excel…</source>
      <translation>Export to Excel…</translation>
    </message>
    <message>
      <source>清除筛选</source>
      <translation>Clear filter</translation>
    </message>
    <message>
      <source>（不限）</source>
      <translation>(any)</translation>
    </message>
    <message>
      <source>至</source>
      <translation>to</translation>
    </message>
    <message>
      <source>收到日期</source>
      <translation>Date received</translation>
    </message>
    <message>
      <source>没有符合条件的记录。</source>
      <translation>No matching records.</translation>
    </message>
    <message>
      <source>共 {n} 条</source>
      <translation>{n} records</translation>
    </message>
    <message>
      <source>没有符合筛选条件的记录，可点击“清除筛选”。</source>
      <translation>No records match the filter; click "Clear filter".</translation>
    </message>
    <message>
      <source>正在导出……</source>
      <translation>Exporting…</translation>
    </message>
    <message>
      <source>已导出 {n} 条记录到 {path}</source>
      <translation>Exported {n} records to {path}</translation>
    </message>
    <message>
      <source>导出Excel</source>
      <translation>Export to Excel</translation>
    </message>
    <message>
      <source>Excel 文件 (*.xlsx)</source>
      <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
      <source>问题线索</source>
      <translation>Leads</translation>
    </message>
    <message>
      <source>新建线索</source>
      <translation>New lead</translation>
    </message>
    <message>
      <source>一案双查</source>
      <translation>Double investigation</translation>
    </message>
    <message>
      <source>新建台账</source>
      <translation>New ledger</translation>
    </message>
  </context>
  <context>
    <name>LazyTableModel</name>
    <message>
      <source>是</source>
      <translation>Yes</translation>
    </message>
    <message>
      <source>否</source>
      <translation>No</translation>
    </message>
  </context>
  <context>
    <name>LeadFollowups</name>
    <message>
      <source>函询…</source>
      <translation>Written inquiry…</translation>
    </message>
    <message>
      <source>谈话记录…</source>
      <translation>Talk record…</translation>
    </message>
    <message>
      <source>函询：第{n}轮函询函已发出，回复期限 {due}</source>
      <translation>Written inquiry: round {n} letter sent, reply due {due}</translation>
    </message>
    <message>
      <source>函询：第{n}轮书面说明已收到，待评估</source>
      <translation>Written inquiry: round {n} explanation received, to be assessed</translation>
    </message>
    <message>
      <source>函询：第{n}轮评估为“{a}，{o}”</source>
      <translation>Written inquiry: round {n} assessed as "{a}, {o}"</translation>
    </message>
    <message>
      <source>函询：尚未发出函询函</source>
      <translation>Written inquiry: no letter sent yet</translation>
    </message>
  </context>
  <context>
    <name>LeadForm</name>
    <message>
      <source>线索来源</source>
      <translation>Lead source</translation>
    </message>
    <message>
      <source>收到日期</source>
      <translation>Date received</translation>
    </message>
    <message>
      <source>关联信访件</source>
      <translation>Related petition</translation>
    </message>
    <message>
      <source>八项规定</source>
      <translation>Eight-point Rules</translation>
    </message>
    <message>
      <source>线索摘要</source>
      <translation>Lead summary</translation>
    </message>
    <message>
      <source>增加人员</source>
      <translation>Add person</translation>
    </message>
    <message>
      <source>删除未保存的行</source>
      <translation>Delete unsaved rows</translation>
    </message>
    <message>
      <source>涉及人员</source>
      <translation>Persons involved</translation>
    </message>
    <message>
      <source>线索信息</source>
      <translation>Lead details</translation>
    </message>
    <message>
      <source>处置与办结</source>
      <translation>Disposition and conclusion</translation>
    </message>
    <message>
      <source>打印审批表…</source>
      <translation>Print approval form…</translation>
    </message>
    <message>
      <source>新建问题线索</source>
      <translation>New lead</translation>
    </message>
    <message>
      <source>填写线索来源、摘要和涉及人员后点击“保存”（Ctrl+S）；保存后可处置。</source>
      <translation>Fill in the lead's source, summary and persons, then click "Save" (Ctrl+S); it can be disposed of once saved.</translation>
    </message>
    <message>
      <source>（直接录入，无关联信访件）</source>
      <translation>(entered directly, no related petition)</translation>
    </message>
    <message>
      <source>问题线索 {n}</source>
      <translation>Lead {n}</translation>
    </message>
    <message>
      <source>（由信访件受理转入，点击查看）</source>
      <translation>(from an accepted petition, click to view)</translation>
    </message>
    <message>
      <source>状态：未处置</source>
      <translation>Status: not disposed of</translation>
    </message>
    <message>
      <source>状态：{d}，待纪委书记审批</source>
      <translation>Status: {d}, awaiting the discipline secretary's approval</translation>
    </message>
    <message>
      <source>状态：{d}，办理中</source>
      <translation>Status: {d}, in progress</translation>
    </message>
    <message>
      <source>状态：{d}，已办结（{r}）</source>
      <translation>Status: {d}, concluded ({r})</translation>
    </message>
    <message>
      <source>，案件 {n}</source>
      <translation>, case {n}</translation>
    </message>
    <message>
      <source>问题线索处置审批表 {n}</source>
      <translation>Lead disposition approval form {n}</translation>
    </message>
  </context>
  <context>
    <name>LeadHandling</name>
    <message>
      <source>处置（每条线索只能选择一种处置方式，经集体研究，报纪委书记审批）</source>
      <translation>Disposition (one per lead, decided collectively and approved by the discipline secretary)</translation>
    </message>
    <message>
      <source>如：2026年11月18日纪委会议集体研究，同意初步核实</source>
      <translation>e.g.: decided at the committee meeting of 2026-11-18: preliminary verification approved</translation>
    </message>
    <message>
      <source>初步核实须至少2人，用顿号分隔，如：李四、赵六</source>
      <translation>Preliminary verification needs at least 2 people, separated by “、”, e.g.: “李四、赵六”</translation>
    </message>
    <message>
      <source>审批同意</source>
      <translation>Approve</translation>
    </message>
    <message>
      <source>确定处置</source>
      <translation>Decide disposition</translation>
    </message>
    <message>
      <source>处置方式</source>
      <translation>Disposition</translation>
    </message>
    <message>
      <source>处置日期</source>
      <translation>Disposition date</translation>
    </message>
    <message>
      <source>集体研究意见</source>
      <translation>Collective decision</translation>
    </message>
    <message>
      <source>核查人员</source>
      <translation>Verifiers</translation>
    </message>
    <message>
      <source>审批</source>
      <translation>Approval</translation>
    </message>
    <message>
      <source>办理结果</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <source>登记办理结果</source>
      <translation>Record outcome</translation>
    </message>
    <message>
      <source>立案…</source>
      <translation>Open case…</translation>
    </message>
    <message>
      <source>结果日期</source>
      <translation>Result date</translation>
    </message>
    <message>
      <source>办理情况</source>
      <translation>Handling</translation>
    </message>
    <message>
      <source>纪委书记确定处置即视为审批；办案人员确定后须报纪委书记审批。</source>
      <translation>A disposition decided by the discipline secretary counts as approved; one decided by a case officer needs the secretary's approval.</translation>
    </message>
    <message>
      <source>已审批（{who}）</source>
      <translation>Approved ({who})</translation>
    </message>
    <message>
      <source>待纪委书记审批</source>
      <translation>Awaiting the discipline secretary's approval</translation>
    </message>
    <message>
      <source>已立案：案件 {n}（点击查看）</source>
      <translation>Case opened: case {n} (click to view)</translation>
    </message>
    <message>
      <source>已办结。</source>
      <translation>Concluded.</translation>
    </message>
    <message>
      <source>确定处置方式后登记办理结果。</source>
      <translation>Record the outcome once the disposition is decided.</translation>
    </message>
    <message>
      <source>处置经纪委书记审批后才能登记办理结果。</source>
      <translation>The outcome can be recorded once the discipline secretary has approved the disposition.</translation>
    </message>
    <message>
      <source>初核工作方案经纪委书记审批后才能登记初核结果或立案。</source>
      <translation>The preliminary verification plan must be approved by the discipline secretary before a result is recorded or a case opened.</translation>
    </message>
    <message>
      <source>暂存待查的线索暂无办理结果，有新情况时再处置。</source>
      <translation>A lead put on hold has no outcome; dispose of it when something new comes up.</translation>
    </message>
    <message>
      <source>初步核实后需要立案的，请点击“立案…”。</source>
      <translation>If the preliminary verification calls for a case, click "Open case…".</translation>
    </message>
  </context>
  <context>
    <name>LeadInquiryDialog</name>
    <message>
      <source>谈话函询</source>
      <translation>Talk or written inquiry</translation>
    </message>
    <message>
      <source>轮次</source>
      <translation>Round</translation>
    </message>
    <message>
      <source>函询对象</source>
      <translation>Person inquired</translation>
    </message>
    <message>
      <source>发函日期</source>
      <translation>Letter date</translation>
    </message>
    <message>
      <source>回复期限</source>
      <translation>Reply due</translation>
    </message>
    <message>
      <source>收到说明</source>
      <translation>Record explanation</translation>
    </message>
    <message>
      <source>评估意见</source>
      <translation>Assessment</translation>
    </message>
    <message>
      <source>处理结果</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>了结函日期</source>
      <translation>Closing letter date</translation>
    </message>
    <message>
      <source>发出函询函</source>
      <translation>Send inquiry letter</translation>
    </message>
    <message>
      <source>函询事项，如：请就反映的收受礼金问题作出书面说明</source>
      <translation>Inquiry matters, e.g.: please explain in writing the reported acceptance of cash gifts</translation>
    </message>
    <message>
      <source>函询事项</source>
      <translation>Inquiry matters</translation>
    </message>
    <message>
      <source>收到书面说明</source>
      <translation>Explanation received</translation>
    </message>
    <message>
      <source>书面说明的扫描件（可不选）</source>
      <translation>Scan of the written explanation (optional)</translation>
    </message>
    <message>
      <source>选择文件…</source>
      <translation>Choose file…</translation>
    </message>
    <message>
      <source>登记书面说明</source>
      <translation>Record written explanation</translation>
    </message>
    <message>
      <source>收到日期</source>
      <translation>Date received</translation>
    </message>
    <message>
      <source>说明材料</source>
      <translation>Explanation material</translation>
    </message>
    <message>
      <source>说明情况</source>
      <translation>Explanation</translation>
    </message>
    <message>
      <source>评估（如实说明的采信了结；不如实说明或发现新线索的转初核或再次函询）</source>
      <translation>Assessment (a truthful explanation is accepted and closed; an untruthful one or a new lead goes to preliminary verification or a further inquiry)</translation>
    </message>
    <message>
      <source>登记评估</source>
      <translation>Record assessment</translation>
    </message>
    <message>
      <source>评估日期</source>
      <translation>Assessment date</translation>
    </message>
    <message>
      <source>评估情况</source>
      <translation>Assessment</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>打印函询通知书…</source>
      <translation>Print inquiry notice…</translation>
    </message>
    <message>
      <source>打印所选一轮（未选时为最近一轮）的函询通知书；打印记入线索的办理记录</source>
      <translation>Print the inquiry notice of the selected round (else the latest); the printing is recorded in the lead's history</translation>
    </message>
    <message>
      <source>谈话函询 — 线索 {n}</source>
      <translation>Talk or written inquiry — lead {n}</translation>
    </message>
    <message>
      <source>问题线索 {n} 谈话函询</source>
      <translation>Lead {n} talk or written inquiry</translation>
    </message>
    <message>
      <source>第{n}轮</source>
      <translation>Round {n}</translation>
    </message>
    <message>
      <source>回复期限为发函之日起{n}日（系统设置“函询回复期限（天）”）</source>
      <translation>The reply is due {n} days after the letter (setting "inquiry reply period (days)")</translation>
    </message>
    <message>
      <source>第{n}轮函询函已于 {sent} 发出，等待书面说明（回复期限 {due}）。</source>
      <translation>Round {n} letter sent on {sent}; awaiting the written explanation (due {due}).</translation>
    </message>
    <message>
      <source>已于 {d} 收到第{n}轮书面说明，请登记评估意见。</source>
      <translation>Round {n} explanation received on {d}; record the assessment.</translation>
    </message>
    <message>
      <source>请发出函询函。</source>
      <translation>Send the inquiry letter.</translation>
    </message>
    <message>
      <source>评估为再次函询，请发出下一轮函询函。</source>
      <translation>Assessed as a further inquiry: send the next round's letter.</translation>
    </message>
    <message>
      <source>函询通知书 {n} 第{r}轮</source>
      <translation>Inquiry notice {n}, round {r}</translation>
    </message>
    <message>
      <source>选择书面说明扫描件</source>
      <translation>Choose the explanation scan</translation>
    </message>
    <message>
      <source>所有文件 (*);;PDF (*.pdf);;图片 (*.jpg *.jpeg *.png *.tif *.tiff)</source>
      <translation>All files (*);;PDF (*.pdf);;Images (*.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
  </context>
  <context>
    <name>LeadWorkPlan</name>
    <message>
      <source>核查组成员、核查事项、方法步骤和时间安排</source>
      <translation>Team, matters to verify, methods, steps and timetable</translation>
    </message>
    <message>
      <source>选择文件…</source>
      <translation>Choose file…</translation>
    </message>
    <message>
      <source>打开</source>
      <translation>Open</translation>
    </message>
    <message>
      <source>保存方案</source>
      <translation>Save plan</translation>
    </message>
    <message>
      <source>审批方案</source>
      <translation>Approve plan</translation>
    </message>
    <message>
      <source>工作方案</source>
      <translation>Work plan</translation>
    </message>
    <message>
      <source>方案附件</source>
      <translation>Plan file</translation>
    </message>
    <message>
      <source>审批日期</source>
      <translation>Approval date</translation>
    </message>
    <message>
      <source>未选择（可用已签批的方案扫描件代替文字）</source>
      <translation>None chosen (a scan of the signed plan may stand for the text)</translation>
    </message>
    <message>
      <source>已审批（{who}，{day}）</source>
      <translation>Approved ({who}, {day})</translation>
    </message>
    <message>
      <source>待纪委书记审批</source>
      <translation>Awaiting the discipline secretary's approval</translation>
    </message>
    <message>
      <source>尚未填写工作方案</source>
      <translation>No work plan yet</translation>
    </message>
    <message>
      <source>选择初核工作方案文件</source>
      <translation>Choose the verification work plan file</translation>
    </message>
    <message>
      <source>所有文件 (*);;PDF (*.pdf);;图片 (*.jpg *.jpeg *.png *.tif *.tiff);;Word 文档 (*.doc *.docx)</source>
      <translation>All files (*);;PDF (*.pdf);;Images (*.jpg *.jpeg *.png *.tif *.tiff);;Word documents (*.doc *.docx)</translation>
    </message>
  </context>
  <context>
    <name>LeadersTable</name>
    <message>
      <source>（未填）</source>
      <translation>(not filled in)</translation>
    </message>
    <message>
      <source>（请选择）</source>
      <translation>(choose)</translation>
    </message>
    <message>
      <source>（待定）</source>
      <translation>(to be decided)</translation>
    </message>
    <message>
      <source>未填</source>
      <translation>Not filled in</translation>
    </message>
    <message>
      <source>—</source>
      <translation>—</translation>
    </message>
  </context>
  <context>
    <name>LeadsPage</name>
    <message>
      <source>全部来源</source>
      <translation>All sources</translation>
    </message>
    <message>
      <source>全部处置方式</source>
      <translation>All dispositions</translation>
    </message>
    <message>
      <source>全部状态</source>
      <translation>All statuses</translation>
    </message>
    <message>
      <source>全部函询事项</source>
      <translation>All inquiry matters</translation>
    </message>
    <message>
      <source>线索来源</source>
      <translation>Lead source</translation>
    </message>
    <message>
      <source>处置方式</source>
      <translation>Disposition</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>函询事项</source>
      <translation>Inquiry matters</translation>
    </message>
    <message>
      <source>还没有问题线索。信访件受理后自动生成线索，也可点击“新建线索”直接录入。</source>
      <translation>No leads yet. Accepting a petition makes a lead; you can also click "New lead" to enter one directly.</translation>
    </message>
  </context>
  <context>
    <name>LedgerForm</name>
    <message>
      <source>如 青山镇农业农村办公室</source>
      <translation>e.g. “青山镇农业农村办公室”</translation>
    </message>
    <message>
      <source>（未填）</source>
      <translation>(not filled in)</translation>
    </message>
    <message>
      <source>案件</source>
      <translation>Cases</translation>
    </message>
    <message>
      <source>被检查单位</source>
      <translation>Unit checked</translation>
    </message>
    <message>
      <source>台账日期</source>
      <translation>Ledger date</translation>
    </message>
    <message>
      <source>线索来源</source>
      <translation>Lead source</translation>
    </message>
    <message>
      <source>问题性质</source>
      <translation>Nature of the problem</translation>
    </message>
    <message>
      <source>证据情况</source>
      <translation>Evidence</translation>
    </message>
    <message>
      <source>增加领导干部</source>
      <translation>Add leader</translation>
    </message>
    <message>
      <source>删除未保存的行</source>
      <translation>Delete unsaved rows</translation>
    </message>
    <message>
      <source>被检查的领导干部（主要领导、分管领导、纪检组织负责人）：处理结果为“追责”时须选择追责方式并填写追责依据。</source>
      <translation>Leaders checked (principal leader, leader in charge, head of the discipline body): a result of "accountability" needs its kind and basis.</translation>
    </message>
    <message>
      <source>台账</source>
      <translation>Ledger</translation>
    </message>
    <message>
      <source>时间线</source>
      <translation>Timeline</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>新建一案双查台账</source>
      <translation>New double investigation ledger</translation>
    </message>
    <message>
      <source>（请选择案件）</source>
      <translation>(choose a case)</translation>
    </message>
    <message>
      <source>一案双查台账 {n}</source>
      <translation>Double investigation ledger {n}</translation>
    </message>
    <message>
      <source>一案双查台账 {n}（案件 {c}）</source>
      <translation>Double investigation ledger {n} (case {c})</translation>
    </message>
    <message>
      <source>请选择案件</source>
      <translation>Choose a case</translation>
    </message>
  </context>
  <context>
    <name>LedgerPage</name>
    <message>
      <source>台账日期</source>
      <translation>Ledger date</translation>
    </message>
    <message>
      <source>还没有一案双查台账。对每起案件，可点击“新建台账”记录相关单位领导干部的履责核查情况。</source>
      <translation>No double investigation ledger yet. For each case, click "New ledger" to record the check of the unit leaders' responsibilities.</translation>
    </message>
  </context>
  <context>
    <name>LockDialog</name>
    <message>
      <source>纪检桌面 — 已锁定</source>
      <translation>Jijian Desk — locked</translation>
    </message>
    <message>
      <source>系统已锁定</source>
      <translation>The session is locked</translation>
    </message>
    <message>
      <source>{name}（{user}）：{reason}。已打开的窗口和未保存的内容保留在锁定画面下；账号恢复启用后可输入密码继续，否则请注销。</source>
      <translation>{name} ({user}): {reason}. Open windows and unsaved work stay behind the lock screen; once the account is enabled again you can enter the password to continue, otherwise sign out.</translation>
    </message>
    <message>
      <source>{name}（{user}），为保护信访举报人信息，系统在无操作 {minutes} 分钟后自动锁定，或由您手动锁定。请输入密码继续工作，已打开的窗口和未保存的内容都会保留。</source>
      <translation>{name} ({user}): to protect complainants' identities the session locks after {minutes} minutes without activity, or when you lock it. Enter your password to continue; open windows and unsaved input are kept.</translation>
    </message>
    <message>
      <source>密码</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>解锁</source>
      <translation>Unlock</translation>
    </message>
    <message>
      <source>注销（未保存的内容将丢失）</source>
      <translation>Sign out (unsaved input is lost)</translation>
    </message>
    <message>
      <source>正在验证……</source>
      <translation>Checking…</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <source>纪检桌面 — 登录</source>
      <translation>Jijian Desk — sign in</translation>
    </message>
    <message>
      <source>纪检桌面</source>
      <translation>Jijian Desk</translation>
    </message>
    <message>
      <source>信访举报与案件管理系统</source>
      <translation>Complaints and case management</translation>
    </message>
    <message>
      <source>用户名</source>
      <translation>User name</translation>
    </message>
    <message>
      <source>密码</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>登录</source>
      <translation>Sign in</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <source>演示数据：用户 {users}，密码均为 demo1234</source>
      <translation>Demo data: users {users}, password demo1234 for all</translation>
    </message>
    <message>
      <source>请输入用户名</source>
      <translation>Please enter your user name</translation>
    </message>
    <message>
      <source>正在登录……</source>
      <translation>Signing in…</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>{org} — 纪检桌面</source>
      <translation>{org} — Jijian Desk</translation>
    </message>
    <message>
      <source>纪检桌面</source>
      <translation>Jijian Desk</translation>
    </message>
    <message>
      <source>（演示数据）</source>
      <translation> (demo data)</translation>
    </message>
    <message>
      <source>数据目录：{path}</source>
      <translation>Data folder: {path}</translation>
    </message>
    <message>
      <source>{name}，欢迎使用</source>
      <translation>Welcome, {name}</translation>
    </message>
    <message>
      <source>已锁定</source>
      <translation>Locked</translation>
    </message>
    <message>
      <source>已解锁</source>
      <translation>Unlocked</translation>
    </message>
    <message>
      <source>{name}（{roles}）</source>
      <translation>{name} ({roles})</translation>
    </message>
    <message>
      <source>锁定</source>
      <translation>Lock</translation>
    </message>
    <message>
      <source>暂时离开时锁定屏幕（Ctrl+L），输入密码后继续，未保存的内容不会丢失</source>
      <translation>Lock the screen while you are away (Ctrl+L); your password continues, unsaved input is kept</translation>
    </message>
    <message>
      <source>注销</source>
      <translation>Sign out</translation>
    </message>
    <message>
      <source>退出当前用户，回到登录界面</source>
      <translation>Sign out and return to the sign-in window</translation>
    </message>
    <message>
      <source>确定要注销吗？未保存的内容将会丢失。</source>
      <translation>Sign out now? Unsaved input will be lost.</translation>
    </message>
  </context>
  <context>
    <name>MeasureForm</name>
    <message>
      <source>新增处分/处理</source>
      <translation>New sanction/handling</translation>
    </message>
    <message>
      <source>（中共党员：不详）</source>
      <translation>(CPC member: unknown)</translation>
    </message>
    <message>
      <source>（非中共党员）</source>
      <translation>(not a CPC member)</translation>
    </message>
    <message>
      <source>如 青纪发〔2026〕5号</source>
      <translation>e.g. “青纪发〔2026〕5号”</translation>
    </message>
    <message>
      <source>二年</source>
      <translation>Two years</translation>
    </message>
    <message>
      <source>一年</source>
      <translation>One year</translation>
    </message>
    <message>
      <source>（保存后计算）</source>
      <translation>(computed when saved)</translation>
    </message>
    <message>
      <source>处分/处理对象</source>
      <translation>Person sanctioned</translation>
    </message>
    <message>
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>处分/处理方式</source>
      <translation>Sanction/handling</translation>
    </message>
    <message>
      <source>留党察看期限</source>
      <translation>Probation period</translation>
    </message>
    <message>
      <source>决定日期</source>
      <translation>Decision date</translation>
    </message>
    <message>
      <source>文号</source>
      <translation>Document no.</translation>
    </message>
    <message>
      <source>备注</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>影响期至</source>
      <translation>Effective until</translation>
    </message>
    <message>
      <source>四种形态</source>
      <translation>Four Forms (四种形态)</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>处分执行与回访…</source>
      <translation>Execution and follow-up…</translation>
    </message>
    <message>
      <source>请选择处分/处理方式</source>
      <translation>Choose a sanction or handling</translation>
    </message>
    <message>
      <source>不计入四种形态</source>
      <translation>Not counted in the Four Forms</translation>
    </message>
    <message>
      <source>处分/处理 — {person}：{kind}</source>
      <translation>Sanction/handling — {person}: {kind}</translation>
    </message>
  </context>
  <context>
    <name>OrganizationPage</name>
    <message>
      <source>第二步：本单位信息</source>
      <translation>Step 2: this office</translation>
    </message>
    <message>
      <source>首次使用，请填写本单位的基本信息。这些信息将出现在月报和报送包中。</source>
      <translation>First start: enter your office's details. They appear on the monthly report and in submission packages.</translation>
    </message>
    <message>
      <source>例如：青山镇纪委</source>
      <translation>e.g. Qingshan Township Discipline Committee</translation>
    </message>
    <message>
      <source>例如：QS001</source>
      <translation>e.g. QS001</translation>
    </message>
    <message>
      <source>例如：云岭县纪委</source>
      <translation>e.g. Yunling County Discipline Commission</translation>
    </message>
    <message>
      <source>乡镇纪委（填报并报送月报）</source>
      <translation>Township committee (prepares and submits monthly reports)</translation>
    </message>
    <message>
      <source>县级纪委（接收并汇总乡镇报送）</source>
      <translation>County commission (receives and consolidates township reports)</translation>
    </message>
    <message>
      <source>单位名称</source>
      <translation>Office name</translation>
    </message>
    <message>
      <source>单位代码</source>
      <translation>Office code</translation>
    </message>
    <message>
      <source>由县纪委统一分配的2到40位字母或数字，用于报送包和证书</source>
      <translation>2 to 40 letters or digits assigned by the county, used in packages and certificates</translation>
    </message>
    <message>
      <source>所属县级纪委</source>
      <translation>County commission</translation>
    </message>
    <message>
      <source>工作模式</source>
      <translation>Mode</translation>
    </message>
    <message>
      <source>从备份恢复（更换电脑）…</source>
      <translation>Restore from a backup (new PC)…</translation>
    </message>
    <message>
      <source>本单位已在另一台电脑上使用过本系统：用那里的备份恢复，不必重新设置</source>
      <translation>This office used the app on another PC: restore from its backup instead of setting up again</translation>
    </message>
  </context>
  <context>
    <name>PasswordRule</name>
    <message>
      <source>至少 {n} 个字符，首尾不能是空格</source>
      <translation>At least {n} characters, no space at either end</translation>
    </message>
  </context>
  <context>
    <name>PasswordTab</name>
    <message>
      <source>当前密码</source>
      <translation>Current password</translation>
    </message>
    <message>
      <source>新密码</source>
      <translation>New password</translation>
    </message>
    <message>
      <source>再次输入新密码</source>
      <translation>Repeat new password</translation>
    </message>
    <message>
      <source>修改密码</source>
      <translation>Change password</translation>
    </message>
    <message>
      <source>两次输入的新密码不一致</source>
      <translation>The two new passwords differ</translation>
    </message>
    <message>
      <source>密码已修改，下次登录请使用新密码。</source>
      <translation>Password changed. Use the new password next time you sign in.</translation>
    </message>
  </context>
  <context>
    <name>PdfPreviewDialog</name>
    <message>
      <source>预览 — {title}</source>
      <translation>Preview — {title}</translation>
    </message>
    <message>
      <source>共 {n} 页</source>
      <translation>{n} pages</translation>
    </message>
    <message>
      <source>打印…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <source>另存为PDF…</source>
      <translation>Save as PDF…</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>打印 — {title}</source>
      <translation>Print — {title}</translation>
    </message>
    <message>
      <source>另存为PDF</source>
      <translation>Save as PDF</translation>
    </message>
    <message>
      <source>PDF 文件 (*.pdf)</source>
      <translation>PDF files (*.pdf)</translation>
    </message>
  </context>
  <context>
    <name>Period</name>
    <message>
      <source>{y}年{m}月</source>
      <translation>{y}-{m}</translation>
    </message>
  </context>
  <context>
    <name>PersonIdentityDialog</name>
    <message>
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>编号</source>
      <translation>Number</translation>
    </message>
    <message>
      <source>立案/收到日期</source>
      <translation>Opened/received</translation>
    </message>
    <message>
      <source>结案/办结日期</source>
      <translation>Closed/concluded</translation>
    </message>
    <message>
      <source>单位职务</source>
      <translation>Unit and post</translation>
    </message>
    <message>
      <source>处分处理</source>
      <translation>Sanctions</translation>
    </message>
    <message>
      <source>身份证号与廉政档案 — {name}</source>
      <translation>ID number and integrity file — {name}</translation>
    </message>
    <message>
      <source>18位身份证号；留空保存即删除已录入的号码</source>
      <translation>18-digit ID number; saving it empty deletes the number recorded</translation>
    </message>
    <message>
      <source>保存身份证号</source>
      <translation>Save ID number</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>身份证号</source>
      <translation>ID card no.</translation>
    </message>
    <message>
      <source>同一身份证号的人员在各案件、线索中视为同一人：月报按人数统计时只计一次，下表列出其全部案件、线索和处分处理。号码加密保存，仅显示脱敏后的前两位。</source>
      <translation>People with the same ID number are one person across cases and leads: the monthly report counts them once, and the table lists all their cases, leads and sanctions. The number is stored encrypted; only its first two digits are shown.</translation>
    </message>
    <message>
      <source>廉政档案</source>
      <translation>Integrity file</translation>
    </message>
    <message>
      <source>身份证号：{n}</source>
      <translation>ID number: {n}</translation>
    </message>
    <message>
      <source>未录入</source>
      <translation>Not entered</translation>
    </message>
    <message>
      <source>（无）</source>
      <translation>(none)</translation>
    </message>
    <message>
      <source>删除已录入的身份证号？删除后该人员不再与其他案件中的同一人合并统计。</source>
      <translation>Delete the recorded ID number? The person will no longer be counted as one with the same person in other cases.</translation>
    </message>
    <message>
      <source>删除身份证号</source>
      <translation>Delete ID number</translation>
    </message>
    <message>
      <source>已保存身份证号：{n}</source>
      <translation>ID number saved: {n}</translation>
    </message>
    <message>
      <source>已删除身份证号</source>
      <translation>ID number deleted</translation>
    </message>
  </context>
  <context>
    <name>PersonTable</name>
    <message>
      <source>不详</source>
      <translation>Unknown</translation>
    </message>
    <message>
      <source>未填</source>
      <translation>Not filled in</translation>
    </message>
    <message>
      <source>（未填）</source>
      <translation>(not filled in)</translation>
    </message>
  </context>
  <context>
    <name>ReferralDialog</name>
    <message>
      <source>受理单位</source>
      <translation>Receiving body</translation>
    </message>
    <message>
      <source>转办日期</source>
      <translation>Referral date</translation>
    </message>
    <message>
      <source>文号</source>
      <translation>Document no.</translation>
    </message>
    <message>
      <source>回复期限</source>
      <translation>Reply due</translation>
    </message>
    <message>
      <source>催办</source>
      <translation>Reminder</translation>
    </message>
    <message>
      <source>回复</source>
      <translation>Reply</translation>
    </message>
    <message>
      <source>转办催办与回复</source>
      <translation>Referral reminders and reply</translation>
    </message>
    <message>
      <source>登记催办</source>
      <translation>Record reminder</translation>
    </message>
    <message>
      <source>催办日期</source>
      <translation>Reminder date</translation>
    </message>
    <message>
      <source>登记回复</source>
      <translation>Record reply</translation>
    </message>
    <message>
      <source>回复日期</source>
      <translation>Reply date</translation>
    </message>
    <message>
      <source>回复结果</source>
      <translation>Reply result</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>打印转办函…</source>
      <translation>Print referral letter…</translation>
    </message>
    <message>
      <source>未回复</source>
      <translation>No reply</translation>
    </message>
    <message>
      <source>该件没有转办记录（转办时未登记受理单位等信息）。</source>
      <translation>This petition has no referral record (no receiving body was recorded when it was referred).</translation>
    </message>
    <message>
      <source>转办函 {body} {d}</source>
      <translation>Referral letter {body} {d}</translation>
    </message>
  </context>
  <context>
    <name>RepeatDialog</name>
    <message>
      <source>可能是重复件</source>
      <translation>Possibly a duplicate</translation>
    </message>
    <message>
      <source>近两年内已登记过反映同一被反映人（姓名和单位相同），或同一反映人（电话或身份证号相同）的信访件。如本件反映的是同一问题，请选中原件后点击“选择关联为重复件”；反映的是新问题，请点击“不是重复件”。</source>
      <translation>In the last two years a petition was registered about the same person reported (same name and unit) or from the same reporter (same phone or ID number). If this one is about the same problem, select the original and click "Link as duplicate"; if it is a new problem, click "Not a duplicate".</translation>
    </message>
    <message>
      <source>编号</source>
      <translation>Number</translation>
    </message>
    <message>
      <source>收件日期</source>
      <translation>Date received</translation>
    </message>
    <message>
      <source>被反映人</source>
      <translation>Persons reported</translation>
    </message>
    <message>
      <source>相同之处</source>
      <translation>In common</translation>
    </message>
    <message>
      <source>反映的主要问题</source>
      <translation>Main problem reported</translation>
    </message>
    <message>
      <source>选择关联为重复件</source>
      <translation>Link as duplicate</translation>
    </message>
    <message>
      <source>不是重复件</source>
      <translation>Not a duplicate</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
  </context>
  <context>
    <name>ReportOutput</name>
    <message>
      <source>（草稿）</source>
      <translation>(draft)</translation>
    </message>
    <message>
      <source>{org}{p}月报第{n}版{state}</source>
      <translation>{org} monthly report {p}, version {n}{state}</translation>
    </message>
    <message>
      <source>正在生成 PDF……</source>
      <translation>Writing PDF…</translation>
    </message>
    <message>
      <source>正在生成 Excel……</source>
      <translation>Writing Excel…</translation>
    </message>
    <message>
      <source>无法预览</source>
      <translation>Cannot preview</translation>
    </message>
    <message>
      <source>导出PDF</source>
      <translation>Export PDF</translation>
    </message>
    <message>
      <source>PDF 文件 (*.pdf)</source>
      <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
      <source>导出Excel</source>
      <translation>Export to Excel</translation>
    </message>
    <message>
      <source>Excel 工作簿 (*.xlsx)</source>
      <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
      <source>导出失败</source>
      <translation>Export failed</translation>
    </message>
    <message>
      <source>已导出：{path}</source>
      <translation>Exported: {path}</translation>
    </message>
  </context>
  <context>
    <name>ReportPage</name>
    <message>
      <source>月报</source>
      <translation>Monthly report</translation>
    </message>
    <message>
      <source>{y}年</source>
      <translation>{y}</translation>
    </message>
    <message>
      <source>{m}月</source>
      <translation>{m}</translation>
    </message>
    <message>
      <source>报告年份</source>
      <translation>Report year</translation>
    </message>
    <message>
      <source>报告月份</source>
      <translation>Report month</translation>
    </message>
    <message>
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>按数据库中的最新数据重新统计</source>
      <translation>Recount from the latest data</translation>
    </message>
    <message>
      <source>正在统计……</source>
      <translation>Counting…</translation>
    </message>
    <message>
      <source>报告期：</source>
      <translation>Period:</translation>
    </message>
    <message>
      <source>情况说明和表尾</source>
      <translation>Notes and foot</translation>
    </message>
    <message>
      <source>修订历史</source>
      <translation>Revision history</translation>
    </message>
    <message>
      <source>保存 (Ctrl+S)</source>
      <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
      <source>预览/打印…</source>
      <translation>Preview/print…</translation>
    </message>
    <message>
      <source>导出PDF…</source>
      <translation>Export PDF…</translation>
    </message>
    <message>
      <source>导出Excel…</source>
      <translation>Export to Excel…</translation>
    </message>
    <message>
      <source>定稿…</source>
      <translation>Finalize…</translation>
    </message>
    <message>
      <source>更正…</source>
      <translation>Correct…</translation>
    </message>
    <message>
      <source>统计失败，请稍后点“刷新”重试。</source>
      <translation>Counting failed; click "Refresh" to try again later.</translation>
    </message>
    <message>
      <source>月报统计失败</source>
      <translation>Counting the monthly report failed</translation>
    </message>
    <message>
      <source>已定稿（第{n}版）　{when} 由 {who} 定稿　校验码：{sha}…
定稿后的月报不能修改；如需修改，请由纪委书记点“更正”生成新的修订版。</source>
      <translation>Finalized (version {n})　{when} by {who}　checksum: {sha}…
A finalized report cannot be edited; to change it, the discipline secretary clicks "Correct" to make a new revision.</translation>
    </message>
    <message>
      <source>正在更正：第{n}版（更正第{old}版），原因：{reason}
修改情况说明或表尾并保存后，请重新定稿；定稿前，第{old}版仍是有效版本。</source>
      <translation>Correcting: version {n} (corrects version {old}), reason: {reason}
Edit the notes or the foot, save, then finalize again; until then version {old} stays the valid one.</translation>
    </message>
    <message>
      <source>只有纪委书记可以定稿和更正月报</source>
      <translation>Only the discipline secretary can finalize and correct the monthly report</translation>
    </message>
    <message>
      <source>本月报已定稿</source>
      <translation>This report is finalized</translation>
    </message>
    <message>
      <source>冻结本月统计数字、情况说明和 PDF，生成第{n}版</source>
      <translation>Freeze this month's figures, notes and PDF as version {n}</translation>
    </message>
    <message>
      <source>定稿后发现错误时，说明原因，生成新的修订版</source>
      <translation>When an error is found after finalizing, give the reason and make a new revision</translation>
    </message>
    <message>
      <source>尚未定稿的月报直接修改即可，无需更正</source>
      <translation>A report not yet finalized can simply be edited; no correction needed</translation>
    </message>
    <message>
      <source>{p}月报　已定稿（第{n}版）</source>
      <translation>Monthly report {p}　finalized (version {n})</translation>
    </message>
    <message>
      <source>{p}月报　草稿（将定稿为第{n}版）</source>
      <translation>Monthly report {p}　draft (will be finalized as version {n})</translation>
    </message>
    <message>
      <source>　● 有未保存的修改</source>
      <translation>　● unsaved changes</translation>
    </message>
    <message>
      <source>　{time} 已保存</source>
      <translation>　saved at {time}</translation>
    </message>
  </context>
  <context>
    <name>ResetPasswordDialog</name>
    <message>
      <source>重置密码：{user}</source>
      <translation>Reset password: {user}</translation>
    </message>
    <message>
      <source>重置后，该用户需要由纪委书记在“身份信息授权”中重新授权，才能查看反映人身份信息。</source>
      <translation>After the reset, the secretary must grant this user access again under “Identity grants” before they can see complainants' identities.</translation>
    </message>
    <message>
      <source>新密码</source>
      <translation>New password</translation>
    </message>
    <message>
      <source>再次输入</source>
      <translation>Repeat</translation>
    </message>
    <message>
      <source>重置</source>
      <translation>Reset</translation>
    </message>
    <message>
      <source>两次输入的密码不一致</source>
      <translation>The two passwords differ</translation>
    </message>
  </context>
  <context>
    <name>Revisions</name>
    <message>
      <source>版次</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>定稿时间</source>
      <translation>Finalized at</translation>
    </message>
    <message>
      <source>定稿人</source>
      <translation>Finalized by</translation>
    </message>
    <message>
      <source>校验码</source>
      <translation>Checksum</translation>
    </message>
    <message>
      <source>更正原因</source>
      <translation>Reason for correction</translation>
    </message>
    <message>
      <source>本月报尚未定稿，还没有修订版本。定稿后，每一版都保存在这里，可随时查看和打印。</source>
      <translation>This report is not finalized yet, so it has no versions. Once finalized, every version is kept here to view and print at any time.</translation>
    </message>
    <message>
      <source>预览/打印此版…</source>
      <translation>Preview/print this version…</translation>
    </message>
    <message>
      <source>第{n}版</source>
      <translation>Version {n}</translation>
    </message>
    <message>
      <source>选择一个版次，即在下方显示该版定稿时冻结的 PDF。</source>
      <translation>Choose a version to show the PDF frozen when it was finalized.</translation>
    </message>
    <message>
      <source>定稿将冻结{p}月报第{n}版：本月的统计数字、情况说明、表尾和 PDF 一并存档并生成校验码，此后不能再修改；如发现错误，只能通过“更正”生成新的修订版。

确定定稿吗？</source>
      <translation>Finalizing freezes monthly report {p}, version {n}: this month's figures, notes, foot and PDF are archived with a checksum and cannot be changed afterwards; an error can only be fixed by a "Correction" that makes a new revision.

Finalize now?</translation>
    </message>
    <message>
      <source>月报定稿</source>
      <translation>Finalize the monthly report</translation>
    </message>
    <message>
      <source>{p}月报已定稿（第{n}版），已存档并生成校验码，存档内容此后若被改动即可发现。</source>
      <translation>Monthly report {p} is finalized (version {n}), archived with a checksum; any later change to the archive will be detected.</translation>
    </message>
    <message>
      <source>定稿完成</source>
      <translation>Finalized</translation>
    </message>
    <message>
      <source>正在定稿……</source>
      <translation>Finalizing…</translation>
    </message>
    <message>
      <source>定稿未完成</source>
      <translation>Not finalized</translation>
    </message>
    <message>
      <source>月报更正</source>
      <translation>Correct the monthly report</translation>
    </message>
    <message>
      <source>请填写更正原因（记入修订历史和审计日志）：</source>
      <translation>Reason for the correction (kept in the revision history and the audit log):</translation>
    </message>
    <message>
      <source>开始更正</source>
      <translation>Start correction</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>正在处理……</source>
      <translation>Working…</translation>
    </message>
    <message>
      <source>更正未完成</source>
      <translation>Correction not completed</translation>
    </message>
    <message>
      <source>第{n}版正在更正，尚未定稿，还没有冻结的 PDF。</source>
      <translation>Version {n} is being corrected and not finalized; it has no frozen PDF yet.</translation>
    </message>
    <message>
      <source>第{n}版（{status}）定稿时冻结的 PDF：</source>
      <translation>PDF frozen when version {n} ({status}) was finalized:</translation>
    </message>
    <message>
      <source>无法显示该版次</source>
      <translation>Cannot show this version</translation>
    </message>
  </context>
  <context>
    <name>RolesDialog</name>
    <message>
      <source>修改角色：{user}</source>
      <translation>Change roles: {user}</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
  </context>
  <context>
    <name>SanctionExecutionDialog</name>
    <message>
      <source>处分执行与回访教育</source>
      <translation>Sanction execution and follow-up visits</translation>
    </message>
    <message>
      <source>尚未宣布</source>
      <translation>Not announced</translation>
    </message>
    <message>
      <source>尚未送达</source>
      <translation>Not delivered</translation>
    </message>
    <message>
      <source>尚未归档</source>
      <translation>Not filed</translation>
    </message>
    <message>
      <source>如：在镇机关干部大会上宣布，当面送达本人</source>
      <translation>e.g.: announced at the township staff meeting, delivered in person</translation>
    </message>
    <message>
      <source>宣布、送达与归档</source>
      <translation>Announcement, delivery and filing</translation>
    </message>
    <message>
      <source>宣布日期</source>
      <translation>Announcement date</translation>
    </message>
    <message>
      <source>送达本人日期</source>
      <translation>Delivered to the person</translation>
    </message>
    <message>
      <source>归入档案日期</source>
      <translation>Filing date</translation>
    </message>
    <message>
      <source>备注</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>保存执行情况</source>
      <translation>Save execution</translation>
    </message>
    <message>
      <source>执行事项</source>
      <translation>Execution item</translation>
    </message>
    <message>
      <source>执行日期</source>
      <translation>Execution date</translation>
    </message>
    <message>
      <source>说明</source>
      <translation>Notes</translation>
    </message>
    <message>
      <source>如：免去财政所会计职务；自12月起调整工资档次</source>
      <translation>e.g.: removed as finance office accountant; pay grade adjusted from December</translation>
    </message>
    <message>
      <source>事项</source>
      <translation>Event</translation>
    </message>
    <message>
      <source>添加执行事项</source>
      <translation>Add execution item</translation>
    </message>
    <message>
      <source>回访日期</source>
      <translation>Visit date</translation>
    </message>
    <message>
      <source>回访形式</source>
      <translation>Visit form</translation>
    </message>
    <message>
      <source>回访人</source>
      <translation>Visited by</translation>
    </message>
    <message>
      <source>回访情况</source>
      <translation>Visit notes</translation>
    </message>
    <message>
      <source>如：李明、张华</source>
      <translation>e.g.: “李明、张华”</translation>
    </message>
    <message>
      <source>被处分人思想、工作情况</source>
      <translation>The sanctioned person's attitude and work</translation>
    </message>
    <message>
      <source>回访教育</source>
      <translation>Follow-up visits</translation>
    </message>
    <message>
      <source>登记回访</source>
      <translation>Record visit</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>{person}：{kind}（{case}，{date}决定）</source>
      <translation>{person}: {kind} ({case}, decided {date})</translation>
    </message>
    <message>
      <source>处分执行 — {person}：{kind}</source>
      <translation>Sanction execution — {person}: {kind}</translation>
    </message>
    <message>
      <source>尚未宣布：应于{due}前宣布（自处分决定作出之日起一个月）。</source>
      <translation>Not announced: due by {due} (one month from the decision).</translation>
    </message>
    <message>
      <source>已于{date}宣布（超过宣布期限{due}）。</source>
      <translation>Announced on {date} (after the due date {due}).</translation>
    </message>
    <message>
      <source>已于{date}宣布。</source>
      <translation>Announced on {date}.</translation>
    </message>
    <message>
      <source>该处分没有影响期，无需回访教育。</source>
      <translation>This sanction has no effect period; no follow-up visit is needed.</translation>
    </message>
    <message>
      <source>影响期至{end}；回访应在{due}前进行（系统设置“回访提前天数”）。</source>
      <translation>Effect period ends {end}; visit by {due} (setting "days before for follow-up visits").</translation>
    </message>
  </context>
  <context>
    <name>ServerStartDialog</name>
    <message>
      <source>纪检桌面 — 服务器数据库</source>
      <translation>Jijian Desk — server database</translation>
    </message>
    <message>
      <source>请输入服务器数据库的口令。</source>
      <translation>Enter the server database password.</translation>
    </message>
    <message>
      <source>连接</source>
      <translation>Connect</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <source>该数据库属于 {org}（{code}），不是这台电脑上次使用的单位（{mine}）的数据库：请检查数据库名</source>
      <translation>This database belongs to {org} ({code}), not to the office this PC used last time ({mine}): check the database name</translation>
    </message>
  </context>
  <context>
    <name>SettingsPage</name>
    <message>
      <source>设置</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>用户管理</source>
      <translation>Users</translation>
    </message>
    <message>
      <source>身份信息授权</source>
      <translation>Identity grants</translation>
    </message>
    <message>
      <source>修改我的密码</source>
      <translation>My password</translation>
    </message>
    <message>
      <source>系统设置</source>
      <translation>System settings</translation>
    </message>
    <message>
      <source>办理时限与节假日</source>
      <translation>Deadlines and holidays</translation>
    </message>
    <message>
      <source>证书</source>
      <translation>Certificates</translation>
    </message>
    <message>
      <source>备份与恢复</source>
      <translation>Backup and restore</translation>
    </message>
  </context>
  <context>
    <name>SetupWizard</name>
    <message>
      <source>纪检桌面 — 首次设置</source>
      <translation>Jijian Desk — first-time setup</translation>
    </message>
    <message>
      <source>下一步</source>
      <translation>Next</translation>
    </message>
    <message>
      <source>上一步</source>
      <translation>Back</translation>
    </message>
    <message>
      <source>完成</source>
      <translation>Finish</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>正在连接数据库服务器……</source>
      <translation>Connecting to the database server…</translation>
    </message>
    <message>
      <source>两次输入的密码不一致</source>
      <translation>The two passwords differ</translation>
    </message>
    <message>
      <source>正在创建单位和用户……</source>
      <translation>Creating the office and the user…</translation>
    </message>
  </context>
  <context>
    <name>SubjectsTable</name>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>单位</source>
      <translation>Unit</translation>
    </message>
    <message>
      <source>职务</source>
      <translation>Post</translation>
    </message>
    <message>
      <source>职级</source>
      <translation>Rank</translation>
    </message>
    <message>
      <source>是否中共党员</source>
      <translation>CPC member</translation>
    </message>
    <message>
      <source>是否监察对象</source>
      <translation>Subject to supervision</translation>
    </message>
  </context>
  <context>
    <name>SystemSettingsTab</name>
    <message>
      <source>保存设置</source>
      <translation>Save settings</translation>
    </message>
    <message>
      <source>只有系统管理员和纪委书记可以修改系统设置。</source>
      <translation>Only the administrator and the commission secretary can change system settings.</translation>
    </message>
    <message>
      <source>已保存 {n} 项设置</source>
      <translation>{n} setting(s) saved</translation>
    </message>
    <message>
      <source>设置没有变化</source>
      <translation>No setting changed</translation>
    </message>
  </context>
  <context>
    <name>TalkForm</name>
    <message>
      <source>问题线索</source>
      <translation>Leads</translation>
    </message>
    <message>
      <source>案件</source>
      <translation>Cases</translation>
    </message>
    <message>
      <source>谈话记录 — {what} {n}</source>
      <translation>Talk record — {what} {n}</translation>
    </message>
    <message>
      <source>{what} {n} 的谈话记录</source>
      <translation>Talk record of {what} {n}</translation>
    </message>
    <message>
      <source>谈话日期</source>
      <translation>Talk date</translation>
    </message>
    <message>
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>谈话对象</source>
      <translation>Person interviewed</translation>
    </message>
    <message>
      <source>谈话人</source>
      <translation>Interviewers</translation>
    </message>
    <message>
      <source>地点</source>
      <translation>Place</translation>
    </message>
    <message>
      <source>打印谈话记录</source>
      <translation>Print talk record</translation>
    </message>
    <message>
      <source>新增谈话记录（谈话须由至少2名不同人员进行）</source>
      <translation>New talk record (a talk needs at least 2 different interviewers)</translation>
    </message>
    <message>
      <source>如：镇纪委谈话室</source>
      <translation>e.g.: the committee's interview room</translation>
    </message>
    <message>
      <source>至少2人，用顿号分隔，如：李四、赵六</source>
      <translation>At least 2 people, separated by “、”, e.g.: “李四、赵六”</translation>
    </message>
    <message>
      <source>其他人员（填写姓名、单位、职务）</source>
      <translation>Other persons (name, unit, post)</translation>
    </message>
    <message>
      <source>签字后的谈话记录扫描件（可不选）</source>
      <translation>Scan of the signed talk record (optional)</translation>
    </message>
    <message>
      <source>选择文件…</source>
      <translation>Choose file…</translation>
    </message>
    <message>
      <source>谈话类型</source>
      <translation>Talk type</translation>
    </message>
    <message>
      <source>谈话地点</source>
      <translation>Talk place</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>单位</source>
      <translation>Unit</translation>
    </message>
    <message>
      <source>职务</source>
      <translation>Post</translation>
    </message>
    <message>
      <source>谈话内容摘要</source>
      <translation>Summary of the talk</translation>
    </message>
    <message>
      <source>记录附件</source>
      <translation>Record attachment</translation>
    </message>
    <message>
      <source>保存谈话记录</source>
      <translation>Save talk record</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>选择谈话记录扫描件</source>
      <translation>Choose the talk record scan</translation>
    </message>
    <message>
      <source>所有文件 (*);;PDF (*.pdf);;图片 (*.jpg *.jpeg *.png *.tif *.tiff)</source>
      <translation>All files (*);;PDF (*.pdf);;Images (*.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message>
      <source>谈话记录 {n} {name} {d}</source>
      <translation>Talk record {n} {name} {d}</translation>
    </message>
  </context>
  <context>
    <name>TimelineTable</name>
    <message>
      <source>时间</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>操作人</source>
      <translation>By</translation>
    </message>
    <message>
      <source>内容</source>
      <translation>Content</translation>
    </message>
  </context>
  <context>
    <name>TownshipCertificatesTab</name>
    <message>
      <source>报送月报时，报表和报送包要用本单位的电子签名。签名密钥只保存在本机，口令由纪委书记掌握，系统不保存口令。按下面三步办理，文件用U盘往返县纪委。</source>
      <translation>The monthly report and its package are signed with this office's electronic signature. The signing key stays on this PC; the discipline secretary holds the passphrase, which the system does not store. Follow the three steps below; files go to and from the county on a USB stick.</translation>
    </message>
    <message>
      <source>第一步　生成签名密钥和证书申请文件</source>
      <translation>Step 1　Create the signing key and certificate request</translation>
    </message>
    <message>
      <source>设置私钥口令（至少 8 个字符，输入两次），系统生成签名密钥和证书申请文件（.csr）。请将申请文件保存到U盘，交县纪委签发证书。</source>
      <translation>Set the private key passphrase (at least 8 characters, entered twice); the system creates the signing key and a certificate request (.csr). Save the request to a USB stick and take it to the county to be signed.</translation>
    </message>
    <message>
      <source>生成密钥和申请文件…</source>
      <translation>Create key and request…</translation>
    </message>
    <message>
      <source>再次保存申请文件…</source>
      <translation>Save the request file again…</translation>
    </message>
    <message>
      <source>第二步　安装县纪委签发的证书</source>
      <translation>Step 2　Install the certificate signed by the county</translation>
    </message>
    <message>
      <source>县纪委签发后会交回两个文件：本单位的证书（如 QS001-证书.pem）和县纪委根证书（{root}）。依次选择这两个文件，再输入第一步设置的私钥口令。</source>
      <translation>Once the county signs it, you get two files back: this office's certificate (e.g. QS001-证书.pem) and the county root certificate ({root}). Choose both files in turn, then enter the private key passphrase set in step 1.</translation>
    </message>
    <message>
      <source>安装证书…</source>
      <translation>Install certificate…</translation>
    </message>
    <message>
      <source>第三步　证书状态</source>
      <translation>Step 3　Certificate status</translation>
    </message>
    <message>
      <source>单位：</source>
      <translation>Unit:</translation>
    </message>
    <message>
      <source>证书主题：</source>
      <translation>Certificate subject:</translation>
    </message>
    <message>
      <source>证书序列号：</source>
      <translation>Certificate serial number:</translation>
    </message>
    <message>
      <source>有效期至：</source>
      <translation>Valid until:</translation>
    </message>
    <message>
      <source>剩余天数：</source>
      <translation>Days left:</translation>
    </message>
    <message>
      <source>县纪委根证书指纹：</source>
      <translation>County root certificate fingerprint:</translation>
    </message>
    <message>
      <source>提示：</source>
      <translation>Note:</translation>
    </message>
    <message>
      <source>可与县纪委电话核对前几组字符，确认根证书没有被调换</source>
      <translation>Read the first groups of characters to the county by phone to confirm the root certificate was not swapped</translation>
    </message>
    <message>
      <source>✓ 已生成签名密钥和证书申请文件</source>
      <translation>✓ Signing key and certificate request created</translation>
    </message>
    <message>
      <source>重新生成…</source>
      <translation>Create again…</translation>
    </message>
    <message>
      <source>尚未生成</source>
      <translation>Not written yet</translation>
    </message>
    <message>
      <source>✓ 已安装证书</source>
      <translation>✓ Certificate installed</translation>
    </message>
    <message>
      <source>尚未安装证书</source>
      <translation>No certificate installed</translation>
    </message>
    <message>
      <source>请先完成第一步</source>
      <translation>Do step 1 first</translation>
    </message>
    <message>
      <source>（尚未安装证书）</source>
      <translation>(no certificate installed)</translation>
    </message>
    <message>
      <source>已过期</source>
      <translation>Expired</translation>
    </message>
    <message>
      <source>{n} 天</source>
      <translation>{n} days</translation>
    </message>
    <message>
      <source>（尚未安装）</source>
      <translation>(not installed)</translation>
    </message>
    <message>
      <source>尚未安装证书，还不能生成报送包：请按第一步、第二步办理</source>
      <translation>No certificate installed, so no package can be written: do steps 1 and 2</translation>
    </message>
    <message>
      <source>签章证书将于 {n} 天后过期，请及早向县纪委申请新证书</source>
      <translation>The signing certificate expires in {n} days; ask the county for a new one soon</translation>
    </message>
    <message>
      <source>证书有效，可以生成报送包</source>
      <translation>The certificate is valid; packages can be written</translation>
    </message>
    <message>
      <source>生成签名密钥</source>
      <translation>Create signing key</translation>
    </message>
    <message>
      <source>本机已有签名密钥。重新生成后，原来的密钥和证书将停用（旧文件会另存保留），必须把新的申请文件交县纪委重新签发证书。

确定重新生成吗？</source>
      <translation>This PC already has a signing key. Creating a new one retires the old key and certificate (the old files are kept aside), and the new request must go to the county for a new certificate.

Create a new key?</translation>
    </message>
    <message>
      <source>设置私钥口令（至少 8 个字符，请牢记，系统不保存）：</source>
      <translation>Set the private key passphrase (at least 8 characters; remember it, the system does not store it):</translation>
    </message>
    <message>
      <source>正在生成签名密钥……</source>
      <translation>Creating the signing key…</translation>
    </message>
    <message>
      <source>保存证书申请文件</source>
      <translation>Save the certificate request</translation>
    </message>
    <message>
      <source>证书申请文件 (*.csr)</source>
      <translation>Certificate request (*.csr)</translation>
    </message>
    <message>
      <source>证书申请文件已保存：{p}
请将此文件用U盘交县纪委。县纪委签发后，把交回的证书和根证书在“第二步”安装。</source>
      <translation>Certificate request saved: {p}
Take this file to the county on a USB stick. Once signed, install the certificate and root certificate you get back in "Step 2".</translation>
    </message>
    <message>
      <source>安装证书</source>
      <translation>Install certificate</translation>
    </message>
    <message>
      <source>证书文件 (*.pem *.crt *.cer);;所有文件 (*)</source>
      <translation>Certificate files (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
      <source>选择县纪委签发的本单位证书</source>
      <translation>Choose this office's certificate signed by the county</translation>
    </message>
    <message>
      <source>选择县纪委根证书（{root}）</source>
      <translation>Choose the county root certificate ({root})</translation>
    </message>
    <message>
      <source>输入私钥口令（第一步设置的口令）：</source>
      <translation>Enter the private key passphrase (set in step 1):</translation>
    </message>
    <message>
      <source>证书已安装，有效期至 {d}。现在可以在“报送”中生成报送包。</source>
      <translation>Certificate installed, valid until {d}. Packages can now be written under "Submission".</translation>
    </message>
  </context>
  <context>
    <name>TownshipSubmissionPage</name>
    <message>
      <source>报送</source>
      <translation>Submission</translation>
    </message>
    <message>
      <source>已定稿的月报</source>
      <translation>Finalized reports</translation>
    </message>
    <message>
      <source>报告期</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>版次</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>月报状态</source>
      <translation>Report status</translation>
    </message>
    <message>
      <source>定稿时间</source>
      <translation>Finalized at</translation>
    </message>
    <message>
      <source>报送情况</source>
      <translation>Submission</translation>
    </message>
    <message>
      <source>近两年还没有定稿的月报。请先在“月报”中由纪委书记定稿，再回到这里生成报送包。</source>
      <translation>No monthly report of the last two years is finalized. Have the discipline secretary finalize one under "Monthly report", then come back to write the package.</translation>
    </message>
    <message>
      <source>文件夹（用U盘报送，推荐）</source>
      <translation>Folder (on a USB stick, recommended)</translation>
    </message>
    <message>
      <source>文件夹和ZIP压缩包（另作电子传送）</source>
      <translation>Folder and ZIP archive (for electronic transfer as well)</translation>
    </message>
    <message>
      <source>报送包形式</source>
      <translation>Package form</translation>
    </message>
    <message>
      <source>生成报送包…</source>
      <translation>Write package…</translation>
    </message>
    <message>
      <source>自检…</source>
      <translation>Self-check…</translation>
    </message>
    <message>
      <source>用已安装的县纪委根证书逐项核验一个报送包，与县纪委接收时的检查相同</source>
      <translation>Verify a package check by check with the installed county root certificate, as the county does on receipt</translation>
    </message>
    <message>
      <source>检查报送包文件夹…</source>
      <translation>Check a package folder…</translation>
    </message>
    <message>
      <source>检查ZIP压缩包…</source>
      <translation>Check a ZIP archive…</translation>
    </message>
    <message>
      <source>报送包形式：</source>
      <translation>Package form:</translation>
    </message>
    <message>
      <source>报送结果</source>
      <translation>Submission result</translation>
    </message>
    <message>
      <source>报送记录</source>
      <translation>Submission history</translation>
    </message>
    <message>
      <source>文件包</source>
      <translation>Package</translation>
    </message>
    <message>
      <source>校验码</source>
      <translation>Checksum</translation>
    </message>
    <message>
      <source>写入位置</source>
      <translation>Written to</translation>
    </message>
    <message>
      <source>生成时间</source>
      <translation>Written at</translation>
    </message>
    <message>
      <source>操作人</source>
      <translation>By</translation>
    </message>
    <message>
      <source>还没有生成过报送包。生成后，每一次写入U盘的报送包都记录在这里。</source>
      <translation>No package written yet. Each package written to a USB stick is recorded here.</translation>
    </message>
    <message>
      <source>更正中（第 {n} 版未定稿）</source>
      <translation>Being corrected (version {n} not finalized)</translation>
    </message>
    <message>
      <source>已生成报送包（{t}）</source>
      <translation>Package written ({t})</translation>
    </message>
    <message>
      <source>第 {old} 版已报送，第 {n} 版未报送</source>
      <translation>Version {old} submitted, version {n} not submitted</translation>
    </message>
    <message>
      <source>未生成报送包</source>
      <translation>No package written</translation>
    </message>
    <message>
      <source>{name}（文件已不在原位置）</source>
      <translation>{name} (the file is no longer where it was)</translation>
    </message>
    <message>
      <source>生成时写入“{path}”，现在那里已没有这个文件包（U盘已取下，或文件已移动、删除）。</source>
      <translation>It was written to "{path}", and the package is no longer there (the USB stick was removed, or the files were moved or deleted).</translation>
    </message>
    <message>
      <source>签名证书有效期至 {d}（剩余 {n} 天）</source>
      <translation>Signing certificate valid until {d} ({n} days left)</translation>
    </message>
    <message>
      <source>尚未安装签名证书</source>
      <translation>No signing certificate installed</translation>
    </message>
    <message>
      <source>（在“设置 → 证书”中办理）</source>
      <translation>(under "Settings → Certificates")</translation>
    </message>
    <message>
      <source>只有纪委书记可以生成报送包。</source>
      <translation>Only the discipline secretary can write a package.</translation>
    </message>
    <message>
      <source>只有纪委书记可以生成报送包</source>
      <translation>Only the discipline secretary can write a package</translation>
    </message>
    <message>
      <source>将为{p}月报生成报送包。</source>
      <translation>A package will be written for monthly report {p}.</translation>
    </message>
    <message>
      <source>请先在上表中选择一个月份。</source>
      <translation>Choose a month in the table above first.</translation>
    </message>
    <message>
      <source>生成报送包</source>
      <translation>Write package</translation>
    </message>
    <message>
      <source>选择写入报送包的位置（如U盘）</source>
      <translation>Choose where to write the package (e.g. a USB stick)</translation>
    </message>
    <message>
      <source>输入本单位签名私钥的口令（{p}月报）：</source>
      <translation>Enter this office's signing key passphrase (monthly report {p}):</translation>
    </message>
    <message>
      <source>正在签名、写入并复核报送包……</source>
      <translation>Signing, writing and re-checking the package…</translation>
    </message>
    <message>
      <source>写入报送包失败：{e}。请检查U盘后重试。</source>
      <translation>Writing the package failed: {e}. Check the USB stick and try again.</translation>
    </message>
    <message>
      <source>✗ 未生成报送包：{m}</source>
      <translation>✗ No package written: {m}</translation>
    </message>
    <message>
      <source>✓ {p}月报第 {n} 版报送包已写入并复核通过。</source>
      <translation>✓ The package of monthly report {p}, version {n}, is written and re-checked.</translation>
    </message>
    <message>
      <source>文件包名称：{name}</source>
      <translation>Package name: {name}</translation>
    </message>
    <message>
      <source>校验码：{sha}</source>
      <translation>Checksum: {sha}</translation>
    </message>
    <message>
      <source>按 SHA-256 计算；县纪委可据此核对收到的文件包与写出的一致</source>
      <translation>The county can compare it with the package it receives to confirm it is the one written</translation>
    </message>
    <message>
      <source>请携带：U盘中的文件夹“{name}”（{path}），整个文件夹交县纪委。</source>
      <translation>Take the folder "{name}" ({path}) on the USB stick; hand the whole folder to the county.</translation>
    </message>
    <message>
      <source>如需电子传送，请发送压缩包：{zip}</source>
      <translation>For electronic transfer, send the archive: {zip}</translation>
    </message>
    <message>
      <source>选择要自检的报送包压缩包</source>
      <translation>Choose the package archive to self-check</translation>
    </message>
    <message>
      <source>ZIP 压缩包 (*.zip)</source>
      <translation>ZIP archive (*.zip)</translation>
    </message>
    <message>
      <source>选择要自检的报送包文件夹</source>
      <translation>Choose the package folder to self-check</translation>
    </message>
    <message>
      <source>自检未完成</source>
      <translation>Self-check not completed</translation>
    </message>
    <message>
      <source>正在逐项核验报送包……</source>
      <translation>Verifying the package check by check…</translation>
    </message>
    <message>
      <source>报送包自检结果</source>
      <translation>Package self-check</translation>
    </message>
  </context>
  <context>
    <name>TransferDialog</name>
    <message>
      <source>受理单位</source>
      <translation>Receiving body</translation>
    </message>
    <message>
      <source>转办日期</source>
      <translation>Referral date</translation>
    </message>
    <message>
      <source>转办文号</source>
      <translation>Referral document no.</translation>
    </message>
    <message>
      <source>回复期限</source>
      <translation>Reply due</translation>
    </message>
    <message>
      <source>（未定）</source>
      <translation>(not decided)</translation>
    </message>
  </context>
  <context>
    <name>UndoStageDialog</name>
    <message>
      <source>撤销“{stage}”阶段 — 案件 {n}</source>
      <translation>Undo the "{stage}" stage — case {n}</translation>
    </message>
    <message>
      <source>撤销</source>
      <translation>Undo</translation>
    </message>
    <message>
      <source>撤销案件 {n} 的“{stage}”阶段（{d}），案件退回“{back}”阶段。撤销记入审计日志和时间线。</source>
      <translation>Undo the "{stage}" stage ({d}) of case {n}; the case goes back to "{back}". The undo is recorded in the audit log and the timeline.</translation>
    </message>
    <message>
      <source>如：审结日期填错，审理尚未结束</source>
      <translation>e.g.: the review conclusion date was wrong; the review is not over</translation>
    </message>
    <message>
      <source>撤销理由</source>
      <translation>Reason for the undo</translation>
    </message>
    <message>
      <source>已填写的审理意见将一并清除。</source>
      <translation>The review opinion entered will be cleared too.</translation>
    </message>
    <message>
      <source>确定撤销案件 {n} 的“{stage}”阶段，退回“{back}”阶段吗？{extra}</source>
      <translation>Undo the "{stage}" stage of case {n} and go back to "{back}"?{extra}</translation>
    </message>
    <message>
      <source>撤销上一阶段</source>
      <translation>Undo the last stage</translation>
    </message>
  </context>
  <context>
    <name>UserDialog</name>
    <message>
      <source>新增用户</source>
      <translation>New user</translation>
    </message>
    <message>
      <source>用户名</source>
      <translation>User name</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>初始密码</source>
      <translation>Initial password</translation>
    </message>
    <message>
      <source>再次输入</source>
      <translation>Repeat</translation>
    </message>
    <message>
      <source>角色</source>
      <translation>Roles</translation>
    </message>
    <message>
      <source>添加</source>
      <translation>Add</translation>
    </message>
    <message>
      <source>两次输入的密码不一致</source>
      <translation>The two passwords differ</translation>
    </message>
  </context>
  <context>
    <name>UsersTab</name>
    <message>
      <source>用户名</source>
      <translation>User name</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>角色</source>
      <translation>Roles</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>新增用户…</source>
      <translation>New user…</translation>
    </message>
    <message>
      <source>修改角色…</source>
      <translation>Change roles…</translation>
    </message>
    <message>
      <source>停用</source>
      <translation>Disable</translation>
    </message>
    <message>
      <source>重置密码…</source>
      <translation>Reset password…</translation>
    </message>
    <message>
      <source>解锁</source>
      <translation>Unlock</translation>
    </message>
    <message>
      <source>解除因连续输错密码而锁定的账号，不必等到锁定时间结束</source>
      <translation>Unlock an account locked after repeated wrong passwords, without waiting for the lock to expire</translation>
    </message>
    <message>
      <source>已停用</source>
      <translation>Disabled</translation>
    </message>
    <message>
      <source>已锁定</source>
      <translation>Locked</translation>
    </message>
    <message>
      <source>启用</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>已添加用户 {user}</source>
      <translation>User {user} added</translation>
    </message>
    <message>
      <source>已修改 {user} 的角色</source>
      <translation>Roles of {user} changed</translation>
    </message>
    <message>
      <source>已重置 {user} 的密码</source>
      <translation>Password of {user} reset</translation>
    </message>
    <message>
      <source>已启用 {user}</source>
      <translation>{user} enabled</translation>
    </message>
    <message>
      <source>已停用 {user}</source>
      <translation>{user} disabled</translation>
    </message>
    <message>
      <source>已解锁 {user}，可以重新登录</source>
      <translation>{user} unlocked and can sign in again</translation>
    </message>
  </context>
  <context>
    <name>VerifyResultDialog</name>
    <message>
      <source>报送包核验结果</source>
      <translation>Package verification</translation>
    </message>
    <message>
      <source>通过：{k} 项检查通过，{u} 项未核对（共 {n} 项），见下表中标为“未核对”的说明。</source>
      <translation>Passed: {k} of {n} checks passed, {u} not checked; see the rows marked "not checked" below.</translation>
    </message>
    <message>
      <source>通过：全部 {n} 项检查均通过，文件包完整、签名有效。</source>
      <translation>Passed: all {n} checks passed; the package is complete and its signature valid.</translation>
    </message>
    <message>
      <source>不通过：{k} 项检查未通过（共 {n} 项），见下表中红色的原因。</source>
      <translation>Failed: {k} of {n} checks failed; see the reasons in red below.</translation>
    </message>
    <message>
      <source>（无法读取文件包的单位和报告期）</source>
      <translation>(cannot read the package's office and period)</translation>
    </message>
    <message>
      <source>文件包：{path}</source>
      <translation>Package: {path}</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
  </context>
  <context>
    <name>Vocabulary</name>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>职务</source>
      <translation>Post</translation>
    </message>
    <message>
      <source>岗位类别</source>
      <translation>Position</translation>
    </message>
    <message>
      <source>责任类型</source>
      <translation>Responsibility</translation>
    </message>
    <message>
      <source>处理结果</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>结果日期</source>
      <translation>Result date</translation>
    </message>
    <message>
      <source>追责方式</source>
      <translation>Kind of accountability</translation>
    </message>
    <message>
      <source>追责依据</source>
      <translation>Basis of accountability</translation>
    </message>
    <message>
      <source>性别</source>
      <translation>Sex</translation>
    </message>
    <message>
      <source>民族</source>
      <translation>Ethnicity</translation>
    </message>
    <message>
      <source>出生年月</source>
      <translation>Born (month)</translation>
    </message>
    <message>
      <source>单位</source>
      <translation>Unit</translation>
    </message>
    <message>
      <source>职级</source>
      <translation>Rank</translation>
    </message>
    <message>
      <source>中共党员</source>
      <translation>CPC member</translation>
    </message>
    <message>
      <source>入党时间</source>
      <translation>Joined the party</translation>
    </message>
    <message>
      <source>监察对象</source>
      <translation>Supervised</translation>
    </message>
    <message>
      <source>主动交代</source>
      <translation>Self-reported</translation>
    </message>
    <message>
      <source>收缴
（万元）</source>
      <translation>Collected
(10k yuan)</translation>
    </message>
    <message>
      <source>没收
（万元）</source>
      <translation>Confiscated
(10k yuan)</translation>
    </message>
    <message>
      <source>责令退赔
（万元）</source>
      <translation>Restitution
(10k yuan)</translation>
    </message>
    <message>
      <source>男</source>
      <translation>Male</translation>
    </message>
    <message>
      <source>女</source>
      <translation>Female</translation>
    </message>
    <message>
      <source>时限</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <source>来信</source>
      <translation>Letter</translation>
    </message>
    <message>
      <source>来访</source>
      <translation>Visit</translation>
    </message>
    <message>
      <source>来电</source>
      <translation>Phone call</translation>
    </message>
    <message>
      <source>网络</source>
      <translation>Online</translation>
    </message>
    <message>
      <source>上级转办交办</source>
      <translation>Referred by the upper level</translation>
    </message>
    <message>
      <source>巡视巡察移交</source>
      <translation>From inspection tours</translation>
    </message>
    <message>
      <source>审计移送</source>
      <translation>From audit</translation>
    </message>
    <message>
      <source>其他</source>
      <translation>Other</translation>
    </message>
    <message>
      <source>检举控告</source>
      <translation>Accusation</translation>
    </message>
    <message>
      <source>批评建议</source>
      <translation>Criticism or suggestion</translation>
    </message>
    <message>
      <source>申诉</source>
      <translation>Appeal</translation>
    </message>
    <message>
      <source>业务范围外</source>
      <translation>Outside our remit</translation>
    </message>
    <message>
      <source>无实质内容</source>
      <translation>No substance</translation>
    </message>
    <message>
      <source>实名</source>
      <translation>Real name</translation>
    </message>
    <message>
      <source>署名</source>
      <translation>Signed</translation>
    </message>
    <message>
      <source>匿名</source>
      <translation>Anonymous</translation>
    </message>
    <message>
      <source>政治纪律</source>
      <translation>Political discipline</translation>
    </message>
    <message>
      <source>组织纪律</source>
      <translation>Organizational discipline</translation>
    </message>
    <message>
      <source>廉洁纪律</source>
      <translation>Integrity discipline</translation>
    </message>
    <message>
      <source>群众纪律</source>
      <translation>Mass discipline</translation>
    </message>
    <message>
      <source>工作纪律</source>
      <translation>Work discipline</translation>
    </message>
    <message>
      <source>生活纪律</source>
      <translation>Personal conduct discipline</translation>
    </message>
    <message>
      <source>职务违法</source>
      <translation>Official misconduct</translation>
    </message>
    <message>
      <source>职务犯罪</source>
      <translation>Official crime</translation>
    </message>
    <message>
      <source>县处级</source>
      <translation>County level</translation>
    </message>
    <message>
      <source>乡科级</source>
      <translation>Township level</translation>
    </message>
    <message>
      <source>一般干部</source>
      <translation>Ordinary cadre</translation>
    </message>
    <message>
      <source>村（社区）干部</source>
      <translation>Village (community) cadre</translation>
    </message>
    <message>
      <source>事业单位/企业人员</source>
      <translation>Public institution or enterprise staff</translation>
    </message>
    <message>
      <source>信访举报</source>
      <translation>Petitions and reports</translation>
    </message>
    <message>
      <source>上级交办</source>
      <translation>Assigned by the upper level</translation>
    </message>
    <message>
      <source>监督检查发现</source>
      <translation>Found in supervision</translation>
    </message>
    <message>
      <source>公检法机关移送</source>
      <translation>From police, procuratorate or court</translation>
    </message>
    <message>
      <source>谈话函询</source>
      <translation>Talk or written inquiry</translation>
    </message>
    <message>
      <source>初步核实</source>
      <translation>Preliminary verification</translation>
    </message>
    <message>
      <source>暂存待查</source>
      <translation>On hold</translation>
    </message>
    <message>
      <source>予以了结</source>
      <translation>Closed</translation>
    </message>
    <message>
      <source>未处置</source>
      <translation>Not disposed of</translation>
    </message>
    <message>
      <source>待审批</source>
      <translation>Awaiting approval</translation>
    </message>
    <message>
      <source>办理中</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>已办结</source>
      <translation>Concluded</translation>
    </message>
    <message>
      <source>待告知</source>
      <translation>Notice owed</translation>
    </message>
    <message>
      <source>告知已超期</source>
      <translation>Notice overdue</translation>
    </message>
    <message>
      <source>待反馈</source>
      <translation>Feedback owed</translation>
    </message>
    <message>
      <source>反馈已超期</source>
      <translation>Feedback overdue</translation>
    </message>
    <message>
      <source>转办未回复</source>
      <translation>Referral without reply</translation>
    </message>
    <message>
      <source>转办回复已超期</source>
      <translation>Referral reply overdue</translation>
    </message>
    <message>
      <source>待函询回复</source>
      <translation>Awaiting inquiry reply</translation>
    </message>
    <message>
      <source>函询回复已超期</source>
      <translation>Inquiry reply overdue</translation>
    </message>
    <message>
      <source>待评估</source>
      <translation>To be assessed</translation>
    </message>
    <message>
      <source>了结</source>
      <translation>Closed</translation>
    </message>
    <message>
      <source>澄清</source>
      <translation>Cleared</translation>
    </message>
    <message>
      <source>转初核</source>
      <translation>To preliminary verification</translation>
    </message>
    <message>
      <source>立案</source>
      <translation>Case opened</translation>
    </message>
    <message>
      <source>谈话提醒</source>
      <translation>Reminder talk</translation>
    </message>
    <message>
      <source>移交</source>
      <translation>Transferred</translation>
    </message>
    <message>
      <source>警告</source>
      <translation>Warning</translation>
    </message>
    <message>
      <source>严重警告</source>
      <translation>Serious warning</translation>
    </message>
    <message>
      <source>撤销党内职务</source>
      <translation>Removal from party posts</translation>
    </message>
    <message>
      <source>留党察看</source>
      <translation>Party probation</translation>
    </message>
    <message>
      <source>开除党籍</source>
      <translation>Expulsion from the party</translation>
    </message>
    <message>
      <source>记过</source>
      <translation>Demerit</translation>
    </message>
    <message>
      <source>记大过</source>
      <translation>Major demerit</translation>
    </message>
    <message>
      <source>降级</source>
      <translation>Demotion in grade</translation>
    </message>
    <message>
      <source>撤职</source>
      <translation>Dismissal from post</translation>
    </message>
    <message>
      <source>开除</source>
      <translation>Expulsion</translation>
    </message>
    <message>
      <source>批评教育</source>
      <translation>Criticism and education</translation>
    </message>
    <message>
      <source>责令检查</source>
      <translation>Ordered self-criticism</translation>
    </message>
    <message>
      <source>诫勉</source>
      <translation>Admonishment</translation>
    </message>
    <message>
      <source>通报批评</source>
      <translation>Notice of criticism</translation>
    </message>
    <message>
      <source>通报曝光</source>
      <translation>Public exposure</translation>
    </message>
    <message>
      <source>停职检查</source>
      <translation>Suspension for review</translation>
    </message>
    <message>
      <source>调整职务</source>
      <translation>Change of post</translation>
    </message>
    <message>
      <source>责令辞职</source>
      <translation>Ordered resignation</translation>
    </message>
    <message>
      <source>免职</source>
      <translation>Removal from office</translation>
    </message>
    <message>
      <source>降职</source>
      <translation>Demotion</translation>
    </message>
    <message>
      <source>移送司法机关</source>
      <translation>Referred to judicial organs</translation>
    </message>
    <message>
      <source>党纪处分</source>
      <translation>Party sanction</translation>
    </message>
    <message>
      <source>政务处分</source>
      <translation>Government sanction</translation>
    </message>
    <message>
      <source>组织处理</source>
      <translation>Organizational handling</translation>
    </message>
    <message>
      <source>主体责任</source>
      <translation>Primary responsibility</translation>
    </message>
    <message>
      <source>第一责任</source>
      <translation>First responsibility</translation>
    </message>
    <message>
      <source>领导责任</source>
      <translation>Leadership responsibility</translation>
    </message>
    <message>
      <source>监督责任</source>
      <translation>Supervisory responsibility</translation>
    </message>
    <message>
      <source>函询</source>
      <translation>Written inquiry</translation>
    </message>
    <message>
      <source>廉政谈话</source>
      <translation>Integrity talk</translation>
    </message>
    <message>
      <source>追责</source>
      <translation>Accountability</translation>
    </message>
    <message>
      <source>主要领导</source>
      <translation>Principal leader</translation>
    </message>
    <message>
      <source>分管领导</source>
      <translation>Leader in charge</translation>
    </message>
    <message>
      <source>纪检组织负责人</source>
      <translation>Head of the discipline body</translation>
    </message>
    <message>
      <source>通报</source>
      <translation>Notice</translation>
    </message>
    <message>
      <source>组织调整</source>
      <translation>Organizational adjustment</translation>
    </message>
    <message>
      <source>纪律处分</source>
      <translation>Disciplinary sanction</translation>
    </message>
    <message>
      <source>形式主义官僚主义</source>
      <translation>Formalism and bureaucratism</translation>
    </message>
    <message>
      <source>违规收送名贵特产和礼品礼金</source>
      <translation>Improper gifts, money or rare local products</translation>
    </message>
    <message>
      <source>违规吃喝</source>
      <translation>Improper dining</translation>
    </message>
    <message>
      <source>违规发放津补贴或福利</source>
      <translation>Improper allowances or benefits</translation>
    </message>
    <message>
      <source>违规操办婚丧喜庆</source>
      <translation>Improper weddings or funerals</translation>
    </message>
    <message>
      <source>违规配备使用公务用车</source>
      <translation>Improper use of official cars</translation>
    </message>
    <message>
      <source>公款旅游</source>
      <translation>Travel at public expense</translation>
    </message>
    <message>
      <source>楼堂馆所违规</source>
      <translation>Improper office buildings</translation>
    </message>
    <message>
      <source>其他享乐主义奢靡之风问题</source>
      <translation>Other hedonism and extravagance</translation>
    </message>
    <message>
      <source>已登记</source>
      <translation>Registered</translation>
    </message>
    <message>
      <source>已受理</source>
      <translation>Accepted</translation>
    </message>
    <message>
      <source>不予受理</source>
      <translation>Not accepted</translation>
    </message>
    <message>
      <source>已转办</source>
      <translation>Referred</translation>
    </message>
    <message>
      <source>已上报</source>
      <translation>Reported up</translation>
    </message>
    <message>
      <source>审查调查</source>
      <translation>Investigation</translation>
    </message>
    <message>
      <source>移送审理</source>
      <translation>Sent for review</translation>
    </message>
    <message>
      <source>审结</source>
      <translation>Review concluded</translation>
    </message>
    <message>
      <source>结案</source>
      <translation>Case closed</translation>
    </message>
    <message>
      <source>系统管理员</source>
      <translation>Administrator</translation>
    </message>
    <message>
      <source>纪委书记</source>
      <translation>Commission secretary</translation>
    </message>
    <message>
      <source>办案人员</source>
      <translation>Case officer</translation>
    </message>
    <message>
      <source>信访登记员</source>
      <translation>Intake clerk</translation>
    </message>
    <message>
      <source>乡镇</source>
      <translation>Township</translation>
    </message>
    <message>
      <source>县级</source>
      <translation>County</translation>
    </message>
    <message>
      <source>已定稿</source>
      <translation>Finalized</translation>
    </message>
    <message>
      <source>已更正</source>
      <translation>Corrected</translation>
    </message>
    <message>
      <source>已接收</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>已被新版本替代</source>
      <translation>Superseded by a newer version</translation>
    </message>
    <message>
      <source>受理告知</source>
      <translation>Notice of acceptance</translation>
    </message>
    <message>
      <source>结果反馈</source>
      <translation>Feedback on the result</translation>
    </message>
    <message>
      <source>当面</source>
      <translation>In person</translation>
    </message>
    <message>
      <source>电话</source>
      <translation>By phone</translation>
    </message>
    <message>
      <source>书面</source>
      <translation>In writing</translation>
    </message>
    <message>
      <source>满意</source>
      <translation>Satisfied</translation>
    </message>
    <message>
      <source>基本满意</source>
      <translation>Mostly satisfied</translation>
    </message>
    <message>
      <source>不满意</source>
      <translation>Not satisfied</translation>
    </message>
    <message>
      <source>无法联系</source>
      <translation>Unreachable</translation>
    </message>
    <message>
      <source>如实说明</source>
      <translation>Truthful explanation</translation>
    </message>
    <message>
      <source>不如实说明</source>
      <translation>Untruthful explanation</translation>
    </message>
    <message>
      <source>发现新线索</source>
      <translation>New lead found</translation>
    </message>
    <message>
      <source>采信了结</source>
      <translation>Accepted and closed</translation>
    </message>
    <message>
      <source>再次函询</source>
      <translation>Further inquiry</translation>
    </message>
    <message>
      <source>函询谈话</source>
      <translation>Inquiry talk</translation>
    </message>
    <message>
      <source>职务调整</source>
      <translation>Post change</translation>
    </message>
    <message>
      <source>工资待遇调整</source>
      <translation>Pay change</translation>
    </message>
    <message>
      <source>上门回访</source>
      <translation>Home visit</translation>
    </message>
    <message>
      <source>谈心谈话</source>
      <translation>Heart-to-heart talk</translation>
    </message>
    <message>
      <source>电话回访</source>
      <translation>Phone follow-up</translation>
    </message>
    <message>
      <source>编号</source>
      <translation>Number</translation>
    </message>
    <message>
      <source>收件日期</source>
      <translation>Date received</translation>
    </message>
    <message>
      <source>来源渠道</source>
      <translation>Channel</translation>
    </message>
    <message>
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>署名情况</source>
      <translation>Signed as</translation>
    </message>
    <message>
      <source>被反映人</source>
      <translation>Persons reported</translation>
    </message>
    <message>
      <source>问题类别</source>
      <translation>Problem category</translation>
    </message>
    <message>
      <source>反映的主要问题</source>
      <translation>Main problem reported</translation>
    </message>
    <message>
      <source>办理状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>状态日期</source>
      <translation>Status date</translation>
    </message>
    <message>
      <source>重复件</source>
      <translation>Duplicate</translation>
    </message>
    <message>
      <source>收到日期</source>
      <translation>Date received</translation>
    </message>
    <message>
      <source>线索来源</source>
      <translation>Lead source</translation>
    </message>
    <message>
      <source>涉及人员</source>
      <translation>Persons involved</translation>
    </message>
    <message>
      <source>线索摘要</source>
      <translation>Lead summary</translation>
    </message>
    <message>
      <source>处置方式</source>
      <translation>Disposition</translation>
    </message>
    <message>
      <source>处置日期</source>
      <translation>Disposition date</translation>
    </message>
    <message>
      <source>书记审批</source>
      <translation>Secretary approval</translation>
    </message>
    <message>
      <source>办理结果</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <source>立案日期</source>
      <translation>Case opening date</translation>
    </message>
    <message>
      <source>案件名称</source>
      <translation>Case name</translation>
    </message>
    <message>
      <source>被调查人</source>
      <translation>Persons under investigation</translation>
    </message>
    <message>
      <source>阶段</source>
      <translation>Stage</translation>
    </message>
    <message>
      <source>结案日期</source>
      <translation>Closing date</translation>
    </message>
    <message>
      <source>违反中央八项规定精神</source>
      <translation>Violation of the Eight-point Rules (八项规定)</translation>
    </message>
    <message>
      <source>台账日期</source>
      <translation>Ledger date</translation>
    </message>
    <message>
      <source>案件编号</source>
      <translation>Case no.</translation>
    </message>
    <message>
      <source>被检查单位</source>
      <translation>Unit checked</translation>
    </message>
    <message>
      <source>领导干部</source>
      <translation>Leaders</translation>
    </message>
    <message>
      <source>办理时限</source>
      <translation>Time limits</translation>
    </message>
    <message>
      <source>时限状态</source>
      <translation>Deadline status</translation>
    </message>
    <message>
      <source>连续登录失败锁定次数</source>
      <translation>Failed sign-ins before lock</translation>
    </message>
    <message>
      <source>登录锁定时长（分钟）</source>
      <translation>Lock duration (minutes)</translation>
    </message>
    <message>
      <source>无操作自动锁定（分钟）</source>
      <translation>Lock after inactivity (minutes)</translation>
    </message>
    <message>
      <source>密码最短长度</source>
      <translation>Minimum password length</translation>
    </message>
    <message>
      <source>信访件编号前缀</source>
      <translation>Petition number prefix</translation>
    </message>
    <message>
      <source>问题线索编号前缀</source>
      <translation>Lead number prefix</translation>
    </message>
    <message>
      <source>案件编号前缀</source>
      <translation>Case number prefix</translation>
    </message>
    <message>
      <source>一案双查台账编号前缀</source>
      <translation>Double investigation ledger number prefix</translation>
    </message>
    <message>
      <source>单个附件大小上限（MB）</source>
      <translation>Largest attachment (MB)</translation>
    </message>
    <message>
      <source>附件文件夹（多台电脑共用服务器数据库时填共享文件夹，留空为数据目录下的 attachments）</source>
      <translation>Attachments folder (a shared folder when several PCs use one server database; empty: attachments in the data folder)</translation>
    </message>
    <message>
      <source>报表字体文件（留空自动查找）</source>
      <translation>Report font file (empty: found automatically)</translation>
    </message>
    <message>
      <source>即将到期提醒（工作日）</source>
      <translation>Due-soon reminder (working days)</translation>
    </message>
    <message>
      <source>办理时限（覆盖默认值）</source>
      <translation>Deadlines (overriding the defaults)</translation>
    </message>
    <message>
      <source>函询回复期限（天）</source>
      <translation>Inquiry reply period (days)</translation>
    </message>
    <message>
      <source>回访提前天数（影响期届满前）</source>
      <translation>Follow-up visit lead time (days before the effect period ends)</translation>
    </message>
    <message>
      <source>已完整录入放假安排的年份</source>
      <translation>Years whose holiday schedule is entered in full</translation>
    </message>
    <message>
      <source>月报负责人</source>
      <translation>Report: person in charge</translation>
    </message>
    <message>
      <source>月报填报人</source>
      <translation>Report: prepared by</translation>
    </message>
    <message>
      <source>月报联系电话</source>
      <translation>Report: contact phone</translation>
    </message>
    <message>
      <source>月报审核人</source>
      <translation>Report: checked by</translation>
    </message>
    <message>
      <source>月报表号</source>
      <translation>Report: form number</translation>
    </message>
    <message>
      <source>月报制表机关</source>
      <translation>Report: issuing body</translation>
    </message>
    <message>
      <source>保留每日备份份数</source>
      <translation>Daily backups kept</translation>
    </message>
    <message>
      <source>保留每周备份份数</source>
      <translation>Weekly backups kept</translation>
    </message>
    <message>
      <source>收到信访举报（件）</source>
      <translation>petitions received</translation>
    </message>
    <message>
      <source>处置问题线索（件）</source>
      <translation>leads disposed of</translation>
    </message>
    <message>
      <source>立案（件）</source>
      <translation>cases opened</translation>
    </message>
    <message>
      <source>结案（件）</source>
      <translation>cases closed</translation>
    </message>
    <message>
      <source>处分（人）</source>
      <translation>persons sanctioned</translation>
    </message>
    <message>
      <source>未到期</source>
      <translation>Not due</translation>
    </message>
    <message>
      <source>即将到期</source>
      <translation>Due soon</translation>
    </message>
    <message>
      <source>已超期</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <source>信访件</source>
      <translation>Petition</translation>
    </message>
    <message>
      <source>问题线索</source>
      <translation>Leads</translation>
    </message>
    <message>
      <source>案件</source>
      <translation>Cases</translation>
    </message>
    <message>
      <source>项目</source>
      <translation>Item</translation>
    </message>
    <message>
      <source>本月</source>
      <translation>This month</translation>
    </message>
    <message>
      <source>元至本月</source>
      <translation>Year to date</translation>
    </message>
    <message>
      <source>去年同期</source>
      <translation>Same period last year</translation>
    </message>
    <message>
      <source>同比增减(%)</source>
      <translation>Change (%)</translation>
    </message>
    <message>
      <source>一、信访举报</source>
      <translation>1. Petitions and reports</translation>
    </message>
    <message>
      <source>收到信访举报</source>
      <translation>Petitions received</translation>
    </message>
    <message>
      <source>按来源渠道分：</source>
      <translation>By channel:</translation>
    </message>
    <message>
      <source>按类型分：</source>
      <translation>By kind:</translation>
    </message>
    <message>
      <source>其中：重复件</source>
      <translation>of which duplicates</translation>
    </message>
    <message>
      <source>二、问题线索处置</source>
      <translation>2. Lead disposition</translation>
    </message>
    <message>
      <source>处置问题线索</source>
      <translation>Leads disposed of</translation>
    </message>
    <message>
      <source>按处置方式分：</source>
      <translation>By disposition:</translation>
    </message>
    <message>
      <source>三、立案和结案</source>
      <translation>3. Cases opened and closed</translation>
    </message>
    <message>
      <source>四、处分</source>
      <translation>4. Sanctions</translation>
    </message>
    <message>
      <source>处分人数</source>
      <translation>Persons sanctioned</translation>
    </message>
    <message>
      <source>五、运用监督执纪“四种形态”</source>
      <translation>5. The Four Forms of supervision and discipline</translation>
    </message>
    <message>
      <source>第一种形态</source>
      <translation>First form</translation>
    </message>
    <message>
      <source>第二种形态</source>
      <translation>Second form</translation>
    </message>
    <message>
      <source>第三种形态</source>
      <translation>Third form</translation>
    </message>
    <message>
      <source>第四种形态</source>
      <translation>Fourth form</translation>
    </message>
    <message>
      <source>六、违反中央八项规定精神问题及诫勉、通报曝光</source>
      <translation>6. Eight-point Rules breaches, admonishment and public exposure</translation>
    </message>
    <message>
      <source>查处违反中央八项规定精神问题</source>
      <translation>Breaches of the Eight-point Rules dealt with</translation>
    </message>
    <message>
      <source>处理人数</source>
      <translation>Persons handled</translation>
    </message>
    <message>
      <source>其中：党纪政务处分</source>
      <translation>of which party or government sanctions</translation>
    </message>
    <message>
      <source>七、一案双查</source>
      <translation>7. Double investigation</translation>
    </message>
    <message>
      <source>一案双查台账</source>
      <translation>Double investigation ledgers</translation>
    </message>
    <message>
      <source>涉及单位</source>
      <translation>Units involved</translation>
    </message>
    <message>
      <source>涉及领导干部</source>
      <translation>Leaders involved</translation>
    </message>
    <message>
      <source>按处理结果分：</source>
      <translation>By result:</translation>
    </message>
    <message>
      <source>函询和廉政谈话</source>
      <translation>Written inquiries and integrity talks</translation>
    </message>
    <message>
      <source>追究问责</source>
      <translation>Accountability</translation>
    </message>
    <message>
      <source>件</source>
      <translation>items</translation>
    </message>
    <message>
      <source>人</source>
      <translation>persons</translation>
    </message>
    <message>
      <source>人次</source>
      <translation>person-times</translation>
    </message>
    <message>
      <source>起</source>
      <translation>cases</translation>
    </message>
    <message>
      <source>份</source>
      <translation>ledgers</translation>
    </message>
    <message>
      <source>个</source>
      <translation>units</translation>
    </message>
    <message>
      <source>名</source>
      <translation>persons</translation>
    </message>
    <message>
      <source>收到信访举报（来信）</source>
      <translation>Petitions received (letter)</translation>
    </message>
    <message>
      <source>收到信访举报（来访）</source>
      <translation>Petitions received (visit)</translation>
    </message>
    <message>
      <source>收到信访举报（来电）</source>
      <translation>Petitions received (phone call)</translation>
    </message>
    <message>
      <source>收到信访举报（网络）</source>
      <translation>Petitions received (online)</translation>
    </message>
    <message>
      <source>收到信访举报（上级转办交办）</source>
      <translation>Petitions received (referred by the upper level)</translation>
    </message>
    <message>
      <source>收到信访举报（巡视巡察移交）</source>
      <translation>Petitions received (from inspection tours)</translation>
    </message>
    <message>
      <source>收到信访举报（审计移送）</source>
      <translation>Petitions received (from audit)</translation>
    </message>
    <message>
      <source>收到信访举报（其他）</source>
      <translation>Petitions received (other)</translation>
    </message>
    <message>
      <source>收到信访举报（检举控告）</source>
      <translation>Petitions received (accusation)</translation>
    </message>
    <message>
      <source>收到信访举报（批评建议）</source>
      <translation>Petitions received (criticism or suggestion)</translation>
    </message>
    <message>
      <source>收到信访举报（申诉）</source>
      <translation>Petitions received (appeal)</translation>
    </message>
    <message>
      <source>收到信访举报（业务范围外）</source>
      <translation>Petitions received (outside our remit)</translation>
    </message>
    <message>
      <source>收到信访举报（无实质内容）</source>
      <translation>Petitions received (no substance)</translation>
    </message>
    <message>
      <source>处置问题线索（谈话函询）</source>
      <translation>Leads disposed of (talk or written inquiry)</translation>
    </message>
    <message>
      <source>处置问题线索（初步核实）</source>
      <translation>Leads disposed of (preliminary verification)</translation>
    </message>
    <message>
      <source>处置问题线索（暂存待查）</source>
      <translation>Leads disposed of (on hold)</translation>
    </message>
    <message>
      <source>处置问题线索（予以了结）</source>
      <translation>Leads disposed of (closed)</translation>
    </message>
    <message>
      <source>初核</source>
      <translation>Preliminary verification</translation>
    </message>
    <message>
      <source>处分人数（党纪处分）</source>
      <translation>Persons sanctioned (party sanction)</translation>
    </message>
    <message>
      <source>处分人数（政务处分）</source>
      <translation>Persons sanctioned (government sanction)</translation>
    </message>
    <message>
      <source>四种形态（第一种形态）</source>
      <translation>Four Forms (first form)</translation>
    </message>
    <message>
      <source>四种形态（第二种形态）</source>
      <translation>Four Forms (second form)</translation>
    </message>
    <message>
      <source>四种形态（第三种形态）</source>
      <translation>Four Forms (third form)</translation>
    </message>
    <message>
      <source>四种形态（第四种形态）</source>
      <translation>Four Forms (fourth form)</translation>
    </message>
    <message>
      <source>违反中央八项规定精神问题（处理人数）</source>
      <translation>Eight-point Rules breaches (persons handled)</translation>
    </message>
    <message>
      <source>违反中央八项规定精神问题（其中：党纪政务处分）</source>
      <translation>Eight-point Rules breaches (of which party or government sanctions)</translation>
    </message>
    <message>
      <source>一案双查（涉及单位）</source>
      <translation>Double investigation (units involved)</translation>
    </message>
    <message>
      <source>一案双查（涉及领导干部）</source>
      <translation>Double investigation (leaders involved)</translation>
    </message>
    <message>
      <source>一案双查（了结）</source>
      <translation>Double investigation (closed)</translation>
    </message>
    <message>
      <source>一案双查（函询和廉政谈话）</source>
      <translation>Double investigation (written inquiries and integrity talks)</translation>
    </message>
    <message>
      <source>一案双查（追究问责）</source>
      <translation>Double investigation (accountability)</translation>
    </message>
  </context>
  <context>
    <name>YesNoCombo</name>
    <message>
      <source>（未填）</source>
      <translation>(not filled in)</translation>
    </message>
    <message>
      <source>是</source>
      <translation>Yes</translation>
    </message>
    <message>
      <source>否</source>
      <translation>No</translation>
    </message>
  </context>
  <context>
    <name>_CalendarPopup</name>
    <message>
      <source>今天</source>
      <translation>Today</translation>
    </message>
    <message>
      <source>清空</source>
      <translation>Clear</translation>
    </message>
  </context>
  <context>
    <name>_FollowupDialog</name>
    <message>
      <source>确定</source>
      <translation>OK</translation>
    </message>
  </context>
  <context>
    <name>_StageDialog</name>
    <message>
      <source>确定</source>
      <translation>OK</translation>
    </message>
  </context>
  <context>
    <name>app</name>
    <message>
      <source>今日自动备份</source>
      <translation>Today's automatic backup</translation>
    </message>
    <message>
      <source>{0}未完成：{1}</source>
      <translation>{0} not completed: {1}</translation>
    </message>
    <message>
      <source>本版本尚未包含演示数据（services/demo.py），请不带 --demo 启动。</source>
      <translation>This version has no demo data yet (services/demo.py); start without --demo.</translation>
    </message>
    <message>
      <source>正在准备演示数据……</source>
      <translation>Preparing demo data…</translation>
    </message>
  </context>
  <context>
    <name>form</name>
    <message>
      <source>转办</source>
      <translation>Referral</translation>
    </message>
    <message>
      <source>记录反馈</source>
      <translation>Record feedback</translation>
    </message>
    <message>
      <source>记录受理告知</source>
      <translation>Record notice of acceptance</translation>
    </message>
    <message>
      <source>初核工作方案（须经纪委书记审批后才能登记初核结果或立案）</source>
      <translation>Preliminary verification plan (needs the discipline secretary's approval before a result is recorded or a case opened)</translation>
    </message>
    <message>
      <source>谈话记录…</source>
      <translation>Talk record…</translation>
    </message>
    <message>
      <source>请先保存，再登记谈话记录。</source>
      <translation>Save first, then record the talk.</translation>
    </message>
  </context>
  <context>
    <name>pages</name>
    <message>
      <source>工作台</source>
      <translation>Workbench</translation>
    </message>
    <message>
      <source>工作台：汇总本人待办事项，列出即将到期和已经超期的办理时限（受理告知、转办上报、谈话函询、初核、立案审批、审查调查），显示本月收件、线索处置、立案结案的简要数字。</source>
      <translation>Workbench: your to-do list, time limits that are due soon or overdue (acceptance notices, referrals, talks and inquiries, preliminary verification, filing approval, investigation), and this month's headline figures.</translation>
    </message>
    <message>
      <source>信访登记</source>
      <translation>Complaints</translation>
    </message>
    <message>
      <source>信访登记：登记来信、来访、来电、网络举报和上级转办交办、巡视巡察移交、审计移送的信访件；录入反映人（加密保存）和被反映人、问题类别，添加来信扫描件；识别重复件，办理受理、转办、上报和办结。</source>
      <translation>Petitions: register letters, visits, calls, online reports and items referred by the upper level, by inspection tours or by audit; record the reporter (stored encrypted), the persons reported and the problem category, attach scans; spot duplicates; accept, refer, report up and conclude.</translation>
    </message>
    <message>
      <source>问题线索</source>
      <translation>Leads</translation>
    </message>
    <message>
      <source>问题线索：登记来自信访举报和其他来源的问题线索，按谈话函询、初步核实、暂存待查、予以了结四类方式处置，报纪委书记审批，跟踪处置时限和办理结果。</source>
      <translation>Leads: register leads from complaints and other sources, dispose of each by talk or inquiry, preliminary verification, shelving or closing, with the secretary's approval; track time limits and results.</translation>
    </message>
    <message>
      <source>案件</source>
      <translation>Cases</translation>
    </message>
    <message>
      <source>案件：立案审查调查的全过程（立案、审查调查、移送审理、审结、处分决定、结案、执行），被调查人信息，党纪处分、政务处分和组织处理，收缴和退赔金额。</source>
      <translation>Cases: the whole investigation (filing, investigation, hearing, conclusion, sanction decision, closure, execution), the persons investigated, party and government sanctions and organizational handling, amounts recovered.</translation>
    </message>
    <message>
      <source>一案双查</source>
      <translation>Double investigation</translation>
    </message>
    <message>
      <source>一案双查：对每起案件同步核查相关单位主要领导、分管领导和纪检组织负责人履行主体责任、监督责任的情况，维护台账，记录了结、函询或廉政谈话、追责的结果和依据，并可导入已有的 Excel 台账。</source>
      <translation>Double investigation (一案双查): for every case, check how the unit's principal leader, the leader in charge and the head of its discipline body carried out their primary and supervisory responsibility; keep the ledger, record the outcome (closed, written inquiry or integrity talk, accountability) and its basis, and import existing Excel ledgers.</translation>
    </message>
    <message>
      <source>月报</source>
      <translation>Monthly report</translation>
    </message>
    <message>
      <source>月报：按月统计信访举报、问题线索处置、立案结案、处分人数、四种形态、违反中央八项规定精神问题和一案双查数据，与去年同期比较；填写情况说明，预览和打印 PDF，由纪委书记定稿，定稿后的更正作为新版本保存。</source>
      <translation>Monthly report: the month's complaints, lead dispositions, cases filed and closed, persons sanctioned, the four forms, eight-rules violations and double investigations, compared with last year; notes, PDF preview and printing, finalizing by the secretary, corrections as new revisions.</translation>
    </message>
    <message>
      <source>报送</source>
      <translation>Submission</translation>
    </message>
    <message>
      <source>报送：生成带电子签名的月报报送包并导出到U盘；管理本单位密钥、证书申请和县纪委签发的证书；县级模式下接收、逐项核验并汇总各乡镇的报送包。</source>
      <translation>Submission: build the signed monthly package and export it to a USB stick; manage your key, certificate request and the county's certificate; in county mode, receive, verify and consolidate township packages.</translation>
    </message>
    <message>
      <source>报送接收与汇总</source>
      <translation>Receiving and consolidation</translation>
    </message>
    <message>
      <source>设置</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>设置：用户管理、修改密码和系统设置。</source>
      <translation>Settings: users, passwords and system settings.</translation>
    </message>
  </context>
  <context>
    <name>parent</name>
    <message>
      <source>正在生成PDF……</source>
      <translation>Writing PDF…</translation>
    </message>
  </context>
  <context>
    <name>roles</name>
    <message>
      <source>系统管理员</source>
      <translation>Administrator</translation>
    </message>
    <message>
      <source>纪委书记</source>
      <translation>Commission secretary</translation>
    </message>
    <message>
      <source>办案人员</source>
      <translation>Case officer</translation>
    </message>
    <message>
      <source>信访登记员</source>
      <translation>Intake clerk</translation>
    </message>
  </context>
  <context>
    <name>run_with_progress</name>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>请稍候</source>
      <translation>Please wait</translation>
    </message>
    <message>
      <source>正在取消……</source>
      <translation>Cancelling…</translation>
    </message>
  </context>
  <context>
    <name>table</name>
    <message>
      <source>身份证号与廉政档案…</source>
      <translation>ID number and integrity file…</translation>
    </message>
    <message>
      <source>请先选中一名已保存的人员（新增的人员保存后才能录入身份证号）。</source>
      <translation>Select a saved person first (a new person gets an ID number once saved).</translation>
    </message>
    <message>
      <source>身份证号与廉政档案</source>
      <translation>ID number and integrity file</translation>
    </message>
  </context>
  <context>
    <name>widgets</name>
    <message>
      <source>有 {n} 处需要修改</source>
      <translation>{n} fields need changing</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>校验码（SHA-256）：{sha}</source>
      <translation>Checksum: {sha}</translation>
    </message>
  </context>
</TS>
