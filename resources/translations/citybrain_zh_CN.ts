<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>Assets</name>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Asked</source>
            <translation>申请数量</translation>
        </message>
        <message>
            <source>Assignment</source>
            <translation>任务</translation>
        </message>
        <message>
            <source>Assignment, or why out of service</source>
            <translation>任务，或停用原因</translation>
        </message>
        <message>
            <source>Available</source>
            <translation>可用</translation>
        </message>
        <message>
            <source>Base</source>
            <translation>驻地</translation>
        </message>
        <message>
            <source>Cancel a stock request</source>
            <translation>取消物资申请</translation>
        </message>
        <message>
            <source>Cancel request</source>
            <translation>取消申请</translation>
        </message>
        <message>
            <source>Cancel request {n} ({item})? What it reserved goes back on the shelf.</source>
            <translation>取消申请 {n}（{item}）？预留的物资将退回库存。</translation>
        </message>
        <message>
            <source>Cancel the request</source>
            <translation>取消申请</translation>
        </message>
        <message>
            <source>Cancel the selected request</source>
            <translation>取消所选申请</translation>
        </message>
        <message>
            <source>Capacity</source>
            <translation>容量</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Commit</source>
            <translation>承诺调拨</translation>
        </message>
        <message>
            <source>Commit requested stock</source>
            <translation>预留申请的物资</translation>
        </message>
        <message>
            <source>Commit the selected request</source>
            <translation>预留所选申请</translation>
        </message>
        <message>
            <source>Committed</source>
            <translation>已承诺</translation>
        </message>
        <message>
            <source>Consumed</source>
            <translation>已消耗</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>联系方式</translation>
        </message>
        <message>
            <source>Destination</source>
            <translation>目的地</translation>
        </message>
        <message>
            <source>Dispatch</source>
            <translation>发出</translation>
        </message>
        <message>
            <source>Dispatch committed stock</source>
            <translation>调拨已预留的物资</translation>
        </message>
        <message>
            <source>Dispatch the selected request</source>
            <translation>调出所选申请</translation>
        </message>
        <message>
            <source>Do this tab's action on the selected row</source>
            <translation>对所选行执行本页操作</translation>
        </message>
        <message>
            <source>EXPIRED</source>
            <translation>已过期</translation>
        </message>
        <message>
            <source>Emergency resources</source>
            <translation>应急资源</translation>
        </message>
        <message>
            <source>Equipment</source>
            <translation>装备</translation>
        </message>
        <message>
            <source>Everything is ready: no stock below minimum or expiring, no team out of service, no shelter full.</source>
            <translation>全部就绪：无低于最低储备或临期的物资，无停用队伍，无已满避难场所。</translation>
        </message>
        <message>
            <source>Expert</source>
            <translation>专家</translation>
        </message>
        <message>
            <source>Experts</source>
            <translation>专家</translation>
        </message>
        <message>
            <source>Expires</source>
            <translation>有效期至</translation>
        </message>
        <message>
            <source>Expiring or expired</source>
            <translation>临期或过期</translation>
        </message>
        <message>
            <source>Export a registry table</source>
            <translation>导出台账表</translation>
        </message>
        <message>
            <source>Export to Excel</source>
            <translation>导出 Excel</translation>
        </message>
        <message>
            <source>Export to Excel…</source>
            <translation>导出 Excel…</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>专业领域</translation>
        </message>
        <message>
            <source>Headcount</source>
            <translation>人数</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>物资</translation>
        </message>
        <message>
            <source>Leader</source>
            <translation>负责人</translation>
        </message>
        <message>
            <source>Manager</source>
            <translation>管理单位</translation>
        </message>
        <message>
            <source>Minimum</source>
            <translation>最低储备</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Not ready</source>
            <translation>未就绪事项</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Occupancy</source>
            <translation>已安置</translation>
        </message>
        <message>
            <source>On the shelf</source>
            <translation>库存</translation>
        </message>
        <message>
            <source>Only what is not ready</source>
            <translation>只看未就绪</translation>
        </message>
        <message>
            <source>Only {available} {unit} of {item} are available: commit that much or less</source>
            <translation>{item} 只有 {available} {unit} 可用：请预留这个数量或更少</translation>
        </message>
        <message>
            <source>Opening hours</source>
            <translation>开放时间</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Out</source>
            <translation>在外</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>权属单位</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Plate or serial</source>
            <translation>车牌或编号</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>用途</translation>
        </message>
        <message>
            <source>Quantity</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Quantity consumed</source>
            <translation>消耗数量</translation>
        </message>
        <message>
            <source>Quantity returned</source>
            <translation>归还数量</translation>
        </message>
        <message>
            <source>Readiness</source>
            <translation>应急准备</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Record what came back</source>
            <translation>登记归还</translation>
        </message>
        <message>
            <source>Record what was consumed</source>
            <translation>登记消耗</translation>
        </message>
        <message>
            <source>Report a shelter's occupancy</source>
            <translation>上报避难场所入住人数</translation>
        </message>
        <message>
            <source>Report occupancy</source>
            <translation>上报安置人数</translation>
        </message>
        <message>
            <source>Request</source>
            <translation>申请调用</translation>
        </message>
        <message>
            <source>Request from the selected stock line</source>
            <translation>从所选库存申请</translation>
        </message>
        <message>
            <source>Request stock</source>
            <translation>申请物资</translation>
        </message>
        <message>
            <source>Request {n} ({item}): done</source>
            <translation>申请 {n}（{item}）：已完成</translation>
        </message>
        <message>
            <source>Request {n} cancelled</source>
            <translation>申请 {n} 已取消</translation>
        </message>
        <message>
            <source>Request {request} has {committed} {unit} committed: dispatch that much or less</source>
            <translation>申请 {request} 已预留 {committed} {unit}：请调出这个数量或更少</translation>
        </message>
        <message>
            <source>Request {request} still needs {owed} {unit}: commit that much or less</source>
            <translation>申请 {request} 还需 {owed} {unit}：请预留这个数量或更少</translation>
        </message>
        <message>
            <source>Requested by</source>
            <translation>申请人</translation>
        </message>
        <message>
            <source>Requested {n} {unit} {item}: commit it in Requests</source>
            <translation>已申请 {n} {unit}{item}：请在“物资申请”中预留</translation>
        </message>
        <message>
            <source>Requests in flight</source>
            <translation>进行中的调用申请</translation>
        </message>
        <message>
            <source>Reserved</source>
            <translation>已预留</translation>
        </message>
        <message>
            <source>Resource registry</source>
            <translation>应急资源库</translation>
        </message>
        <message>
            <source>Resource requests</source>
            <translation>资源调用申请</translation>
        </message>
        <message>
            <source>Returned</source>
            <translation>已归还</translation>
        </message>
        <message>
            <source>Saved {path}</source>
            <translation>已保存 {path}</translation>
        </message>
        <message>
            <source>Search experts…</source>
            <translation>搜索专家…</translation>
        </message>
        <message>
            <source>Search shelters…</source>
            <translation>搜索避难场所…</translation>
        </message>
        <message>
            <source>Search stock…</source>
            <translation>搜索物资…</translation>
        </message>
        <message>
            <source>Search teams…</source>
            <translation>搜索队伍…</translation>
        </message>
        <message>
            <source>Search vehicles and equipment…</source>
            <translation>搜索车辆装备…</translation>
        </message>
        <message>
            <source>Search warehouses…</source>
            <translation>搜索仓库…</translation>
        </message>
        <message>
            <source>Select a request first</source>
            <translation>请先选择一条申请</translation>
        </message>
        <message>
            <source>Select a row in {tab} first</source>
            <translation>请先在“{tab}”中选择一行</translation>
        </message>
        <message>
            <source>Set a team's status</source>
            <translation>设置队伍状态</translation>
        </message>
        <message>
            <source>Set a vehicle's or equipment's status</source>
            <translation>设置车辆或装备状态</translation>
        </message>
        <message>
            <source>Set status</source>
            <translation>设置状态</translation>
        </message>
        <message>
            <source>Set team status</source>
            <translation>设置队伍状态</translation>
        </message>
        <message>
            <source>Settle a stock request</source>
            <translation>结算物资申请</translation>
        </message>
        <message>
            <source>Shelter</source>
            <translation>避难场所</translation>
        </message>
        <message>
            <source>Shelter full</source>
            <translation>避难场所已满</translation>
        </message>
        <message>
            <source>Shelter places free</source>
            <translation>避难场所空余位置</translation>
        </message>
        <message>
            <source>Shelters</source>
            <translation>避难场所</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>起始时间</translation>
        </message>
        <message>
            <source>Source reference</source>
            <translation>来源编号</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Still owed</source>
            <translation>待承诺</translation>
        </message>
        <message>
            <source>Stock</source>
            <translation>物资</translation>
        </message>
        <message>
            <source>Stock below minimum</source>
            <translation>物资低于最低储备</translation>
        </message>
        <message>
            <source>Stock expired</source>
            <translation>物资已过期</translation>
        </message>
        <message>
            <source>Stock expiring</source>
            <translation>物资临期</translation>
        </message>
        <message>
            <source>Stock line</source>
            <translation>物资</translation>
        </message>
        <message>
            <source>Stock lines below minimum</source>
            <translation>低于最低储备的物资</translation>
        </message>
        <message>
            <source>Team</source>
            <translation>队伍</translation>
        </message>
        <message>
            <source>Team out of service</source>
            <translation>队伍停用</translation>
        </message>
        <message>
            <source>Teams</source>
            <translation>队伍</translation>
        </message>
        <message>
            <source>Teams available</source>
            <translation>可用队伍</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Vehicle or equipment</source>
            <translation>车辆装备</translation>
        </message>
        <message>
            <source>Vehicles and equipment</source>
            <translation>车辆装备</translation>
        </message>
        <message>
            <source>Warehouse</source>
            <translation>仓库</translation>
        </message>
        <message>
            <source>Warehouses</source>
            <translation>仓库</translation>
        </message>
        <message>
            <source>What for, and where to (Enter requests)</source>
            <translation>用途及去向（回车申请）</translation>
        </message>
        <message>
            <source>all</source>
            <translation>全部</translation>
        </message>
        <message>
            <source>assigned</source>
            <translation>已派出</translation>
        </message>
        <message>
            <source>available</source>
            <translation>可用</translation>
        </message>
        <message>
            <source>below minimum</source>
            <translation>低于最低储备</translation>
        </message>
        <message>
            <source>closed</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>committed</source>
            <translation>已承诺</translation>
        </message>
        <message>
            <source>dispatched</source>
            <translation>已发出</translation>
        </message>
        <message>
            <source>expiring</source>
            <translation>临期</translation>
        </message>
        <message>
            <source>full</source>
            <translation>已满</translation>
        </message>
        <message>
            <source>full: {occupancy} / {capacity}</source>
            <translation>已满：{occupancy} / {capacity}</translation>
        </message>
        <message>
            <source>not ready</source>
            <translation>未就绪</translation>
        </message>
        <message>
            <source>of {n} lines</source>
            <translation>共 {n} 项</translation>
        </message>
        <message>
            <source>open</source>
            <translation>开放</translation>
        </message>
        <message>
            <source>out of service</source>
            <translation>停用</translation>
        </message>
        <message>
            <source>out of service since {time}</source>
            <translation>自 {time} 起停用</translation>
        </message>
        <message>
            <source>requested</source>
            <translation>已申请</translation>
        </message>
        <message>
            <source>within 30 days</source>
            <translation>30天内</translation>
        </message>
        <message>
            <source>{alerts}: {available} {unit} available, minimum {minimum}</source>
            <translation>{alerts}：可用 {available} {unit}，最低储备 {minimum}</translation>
        </message>
        <message>
            <source>{a} assigned · {o} out of service</source>
            <translation>已派出 {a} · 停用 {o}</translation>
        </message>
        <message>
            <source>{name}: occupancy reported</source>
            <translation>{name}：已上报入住人数</translation>
        </message>
        <message>
            <source>{name}: status set</source>
            <translation>{name}：状态已设置</translation>
        </message>
        <message>
            <source>{n} open, {f} full</source>
            <translation>开放 {n} 处，已满 {f} 处</translation>
        </message>
        <message>
            <source>{n} shelters full</source>
            <translation>{n} 个避难场所已满</translation>
        </message>
        <message>
            <source>{n} still owed something</source>
            <translation>其中 {n} 条尚未足额</translation>
        </message>
        <message>
            <source>{n} stock lines below minimum</source>
            <translation>{n} 种物资低于最低储备</translation>
        </message>
        <message>
            <source>{n} stock lines expired</source>
            <translation>{n} 种物资已过期</translation>
        </message>
        <message>
            <source>{n} stock lines expiring</source>
            <translation>{n} 种物资即将过期</translation>
        </message>
        <message>
            <source>{n} teams out of service</source>
            <translation>{n} 支队伍停用</translation>
        </message>
        <message>
            <source>{out} {unit} are still out: record what came back or was consumed first</source>
            <translation>还有 {out} {unit} 在外：请先登记归还或消耗</translation>
        </message>
    </context>
    <context>
        <name>Cap</name>
        <message>
            <source>Accept a warning's plan suggestion</source>
            <translation>采纳预警建议的预案</translation>
        </message>
        <message>
            <source>Accept the selected suggestion: activate the plan</source>
            <translation>采纳所选建议：启动预案</translation>
        </message>
        <message>
            <source>Accept: activate the plan</source>
            <translation>采纳：启动预案</translation>
        </message>
        <message>
            <source>Accepted {suggestion}: the plan's response is running</source>
            <translation>已采纳 {suggestion}：预案响应已启动</translation>
        </message>
        <message>
            <source>Acknowledgement</source>
            <translation>确认</translation>
        </message>
        <message>
            <source>Actual</source>
            <translation>实际</translation>
        </message>
        <message>
            <source>Alert</source>
            <translation>首次发布</translation>
        </message>
        <message>
            <source>CAP warnings</source>
            <translation>预警信息</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>解除</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>不采纳</translation>
        </message>
        <message>
            <source>Dismiss a warning's plan suggestion</source>
            <translation>驳回预警建议的预案</translation>
        </message>
        <message>
            <source>Dismiss the selected suggestion</source>
            <translation>驳回所选建议</translation>
        </message>
        <message>
            <source>Dismiss the suggestion</source>
            <translation>驳回建议</translation>
        </message>
        <message>
            <source>Dismiss {suggestion}? The plan is not activated for this warning.</source>
            <translation>驳回 {suggestion}？此预警将不启动该预案。</translation>
        </message>
        <message>
            <source>Dismissed {suggestion}</source>
            <translation>已驳回 {suggestion}</translation>
        </message>
        <message>
            <source>District</source>
            <translation>辖区</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <source>Drill</source>
            <translation>演练</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>更正</translation>
        </message>
        <message>
            <source>Exercise</source>
            <translation>演练</translation>
        </message>
        <message>
            <source>Expected</source>
            <translation>预期</translation>
        </message>
        <message>
            <source>Expires</source>
            <translation>失效时间</translation>
        </message>
        <message>
            <source>Extreme</source>
            <translation>特别严重</translation>
        </message>
        <message>
            <source>Future</source>
            <translation>未来</translation>
        </message>
        <message>
            <source>Headline</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Here</source>
            <translation>本区</translation>
        </message>
        <message>
            <source>Immediate</source>
            <translation>立即</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>级别</translation>
        </message>
        <message>
            <source>Likely</source>
            <translation>很可能</translation>
        </message>
        <message>
            <source>Minor</source>
            <translation>一般</translation>
        </message>
        <message>
            <source>Moderate</source>
            <translation>较重</translation>
        </message>
        <message>
            <source>No suggestion waiting: a warning over the district that a plan's rule matches is suggested here for the duty leader to decide</source>
            <translation>暂无待决定的建议：覆盖本区且符合预案规则的预警会在此建议带班领导决定</translation>
        </message>
        <message>
            <source>No warning in force: the warnings the CAP feed brings show here until they expire</source>
            <translation>暂无生效的预警：预警信息接入后在此显示，直至失效</translation>
        </message>
        <message>
            <source>Observed</source>
            <translation>已发生</translation>
        </message>
        <message>
            <source>Past</source>
            <translation>已过去</translation>
        </message>
        <message>
            <source>Plan</source>
            <translation>预案</translation>
        </message>
        <message>
            <source>Plan suggested</source>
            <translation>建议启动预案</translation>
        </message>
        <message>
            <source>Possible</source>
            <translation>可能</translation>
        </message>
        <message>
            <source>Public warnings (CAP)</source>
            <translation>预警信息（CAP）</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Rule</source>
            <translation>规则</translation>
        </message>
        <message>
            <source>Search warnings…</source>
            <translation>搜索预警…</translation>
        </message>
        <message>
            <source>Select a suggestion first</source>
            <translation>请先选择一条建议</translation>
        </message>
        <message>
            <source>Select a warning to read it in full here.</source>
            <translation>选择一条预警，在此阅读全文。</translation>
        </message>
        <message>
            <source>Sender</source>
            <translation>发布单位</translation>
        </message>
        <message>
            <source>Severe</source>
            <translation>严重</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>严重程度</translation>
        </message>
        <message>
            <source>Suggested for the duty leader</source>
            <translation>待带班领导决定的建议</translation>
        </message>
        <message>
            <source>Suggestion</source>
            <translation>建议</translation>
        </message>
        <message>
            <source>System message</source>
            <translation>系统消息</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>测试</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>未知</translation>
        </message>
        <message>
            <source>Unlikely</source>
            <translation>不太可能</translation>
        </message>
        <message>
            <source>Update</source>
            <translation>更新</translation>
        </message>
        <message>
            <source>Urgency</source>
            <translation>紧急程度</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation>预警</translation>
        </message>
        <message>
            <source>Warning area over the district</source>
            <translation>覆盖本区的预警区域</translation>
        </message>
        <message>
            <source>Warning areas</source>
            <translation>预警区域</translation>
        </message>
        <message>
            <source>Warning: {event}</source>
            <translation>预警：{event}</translation>
        </message>
        <message>
            <source>Why it is dismissed (Enter dismisses)</source>
            <translation>驳回理由（回车驳回）</translation>
        </message>
        <message>
            <source>over the district</source>
            <translation>覆盖本区</translation>
        </message>
        <message>
            <source>plan suggested</source>
            <translation>建议启动预案</translation>
        </message>
        <message>
            <source>warning</source>
            <translation>预警</translation>
        </message>
        <message>
            <source>{n} plans suggested</source>
            <translation>建议启动 {n} 个预案</translation>
        </message>
    </context>
    <context>
        <name>Cases</name>
        <message>
            <source>; {n} more urgent, overdue or escalated not listed</source>
            <translation>；另有 {n} 件紧急、超期或已升级案件未列出</translation>
        </message>
        <message>
            <source>Accept</source>
            <translation>接收</translation>
        </message>
        <message>
            <source>Act on several cases</source>
            <translation>批量处理案件</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Attachments</source>
            <translation>附件</translation>
        </message>
        <message>
            <source>Cancel case</source>
            <translation>撤销案件</translation>
        </message>
        <message>
            <source>Cancel {case}? A cancelled case is closed for good.</source>
            <translation>取消 {case}？案件取消后将永久关闭。</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>Case inbox</source>
            <translation>案件收件箱</translation>
        </message>
        <message>
            <source>Case map</source>
            <translation>案件地图</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>Choose the unit to dispatch to (suggested: {unit})</source>
            <translation>选择派遣单位（建议：{unit}）</translation>
        </message>
        <message>
            <source>Choose the unit whose inbox to show</source>
            <translation>请选择要查看收件箱的单位</translation>
        </message>
        <message>
            <source>Circle: new or dispatched</source>
            <translation>圆形：新建或已派遣</translation>
        </message>
        <message>
            <source>Click a case on the map</source>
            <translation>点击地图上的案件查看详情</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>结案</translation>
        </message>
        <message>
            <source>Committees</source>
            <translation>居委会</translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>时限</translation>
        </message>
        <message>
            <source>Departments</source>
            <translation>职能部门</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>描述</translation>
        </message>
        <message>
            <source>Diamond: resolved, to verify</source>
            <translation>菱形：已办结，待核查</translation>
        </message>
        <message>
            <source>Dispatch</source>
            <translation>派遣</translation>
        </message>
        <message>
            <source>Dispatch #{id}</source>
            <translation>派遣 #{id}</translation>
        </message>
        <message>
            <source>Dispatch “{case}” to</source>
            <translation>将“{case}”派遣至</translation>
        </message>
        <message>
            <source>Dispatched to {unit} ({case})</source>
            <translation>已派遣至{unit}（{case}）</translation>
        </message>
        <message>
            <source>District</source>
            <translation>区级</translation>
        </message>
        <message>
            <source>District boundaries</source>
            <translation>行政区界</translation>
        </message>
        <message>
            <source>Escalate</source>
            <translation>升级</translation>
        </message>
        <message>
            <source>Escalated or due within 15 minutes</source>
            <translation>已升级或 15 分钟内到期</translation>
        </message>
        <message>
            <source>Escalated to {unit}</source>
            <translation>已升级至{unit}</translation>
        </message>
        <message>
            <source>Escalation board</source>
            <translation>升级看板</translation>
        </message>
        <message>
            <source>Filter cases…</source>
            <translation>筛选案件…</translation>
        </message>
        <message>
            <source>Grid (dashed outline)</source>
            <translation>网格（虚线边界）</translation>
        </message>
        <message>
            <source>Grids</source>
            <translation>网格</translation>
        </message>
        <message>
            <source>Latitude</source>
            <translation>纬度</translation>
        </message>
        <message>
            <source>Longitude</source>
            <translation>经度</translation>
        </message>
        <message>
            <source>Marks in a ring: several cases at one place</source>
            <translation>成圈的标记：同一地点有多个案件</translation>
        </message>
        <message>
            <source>Move a case along the loop</source>
            <translation>推进案件流转</translation>
        </message>
        <message>
            <source>New case for {unit}</source>
            <translation>{unit}有新案件</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Nothing waits for {unit}: the cases it owns and new ones routed to it arrive here</source>
            <translation>{unit}暂无待办案件：它负责的案件和派给它的新案件会出现在这里</translation>
        </message>
        <message>
            <source>On time</source>
            <translation>未超时</translation>
        </message>
        <message>
            <source>Only the duty leader cancels an urgent case</source>
            <translation>紧急案件只能由带班领导取消</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>立案</translation>
        </message>
        <message>
            <source>Open a case</source>
            <translation>立案</translation>
        </message>
        <message>
            <source>Open cases</source>
            <translation>在办案件</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>已超时</translation>
        </message>
        <message>
            <source>Overdue and escalated cases</source>
            <translation>超时和已升级的案件</translation>
        </message>
        <message>
            <source>Overdue now</source>
            <translation>当前超时</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>责任单位</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>优先级</translation>
        </message>
        <message>
            <source>Property companies</source>
            <translation>物业公司</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Reason (needed to reject, escalate, reopen or cancel)</source>
            <translation>原因（退回、升级、重办或撤销时必填）</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>退回</translation>
        </message>
        <message>
            <source>Reject {case}? It goes back to the dispatcher.</source>
            <translation>退回 {case}？案件将回到派单员。</translation>
        </message>
        <message>
            <source>Reopen</source>
            <translation>重办</translation>
        </message>
        <message>
            <source>Resolve</source>
            <translation>办结</translation>
        </message>
        <message>
            <source>Select a case first</source>
            <translation>请先选择案件</translation>
        </message>
        <message>
            <source>Select a case to see what has been done with it</source>
            <translation>选择一个案件，查看它的处理经过</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <source>Source reference</source>
            <translation>来源编号</translation>
        </message>
        <message>
            <source>Square: being worked</source>
            <translation>方形：处置中</translation>
        </message>
        <message>
            <source>Start work</source>
            <translation>开始处置</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Subdistrict office</source>
            <translation>街道办事处</translation>
        </message>
        <message>
            <source>Subdistricts</source>
            <translation>街道</translation>
        </message>
        <message>
            <source>The chosen unit does not work cases: choose a company, committee, subdistrict or department</source>
            <translation>所选单位不承办案件：请选择物业公司、居委会、街道或部门</translation>
        </message>
        <message>
            <source>The chosen unit is not in the org tree</source>
            <translation>所选单位不在组织架构中</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Type part of a name to narrow the list</source>
            <translation>输入名称的一部分以筛选</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Urgent, not accepted</source>
            <translation>紧急、未接收</translation>
        </message>
        <message>
            <source>Verify</source>
            <translation>核查</translation>
        </message>
        <message>
            <source>accepted</source>
            <translation>已接收</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>已撤销</translation>
        </message>
        <message>
            <source>case</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>closed</source>
            <translation>已结案</translation>
        </message>
        <message>
            <source>deadline missed at the top of the chain</source>
            <translation>已到最高层级仍超过时限</translation>
        </message>
        <message>
            <source>department</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>dispatched</source>
            <translation>已派遣</translation>
        </message>
        <message>
            <source>district</source>
            <translation>区</translation>
        </message>
        <message>
            <source>enterprise</source>
            <translation>企业</translation>
        </message>
        <message>
            <source>escalated</source>
            <translation>已升级</translation>
        </message>
        <message>
            <source>escalated {n}×</source>
            <translation>已升级 {n} 次</translation>
        </message>
        <message>
            <source>grid</source>
            <translation>网格</translation>
        </message>
        <message>
            <source>high</source>
            <translation>高</translation>
        </message>
        <message>
            <source>hotline</source>
            <translation>热线</translation>
        </message>
        <message>
            <source>in progress</source>
            <translation>处置中</translation>
        </message>
        <message>
            <source>in {t}</source>
            <translation>剩余 {t}</translation>
        </message>
        <message>
            <source>incident</source>
            <translation>突发事件</translation>
        </message>
        <message>
            <source>low</source>
            <translation>低</translation>
        </message>
        <message>
            <source>manual</source>
            <translation>人工</translation>
        </message>
        <message>
            <source>medium</source>
            <translation>中</translation>
        </message>
        <message>
            <source>new</source>
            <translation>新建</translation>
        </message>
        <message>
            <source>opened {time}</source>
            <translation>立案于 {time}</translation>
        </message>
        <message>
            <source>other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>overdue</source>
            <translation>超期</translation>
        </message>
        <message>
            <source>overdue {t}</source>
            <translation>超时 {t}</translation>
        </message>
        <message>
            <source>patrol</source>
            <translation>巡查</translation>
        </message>
        <message>
            <source>property company</source>
            <translation>物业公司</translation>
        </message>
        <message>
            <source>residents' committee</source>
            <translation>居委会</translation>
        </message>
        <message>
            <source>resolved</source>
            <translation>已办结</translation>
        </message>
        <message>
            <source>sensor</source>
            <translation>传感器</translation>
        </message>
        <message>
            <source>subdistrict</source>
            <translation>街道</translation>
        </message>
        <message>
            <source>system</source>
            <translation>系统</translation>
        </message>
        <message>
            <source>urgent</source>
            <translation>紧急</translation>
        </message>
        <message>
            <source>urgent, not accepted</source>
            <translation>紧急，未受理</translation>
        </message>
        <message>
            <source>verified</source>
            <translation>已核查</translation>
        </message>
        <message>
            <source>warning</source>
            <translation>预警</translation>
        </message>
        <message>
            <source>{action} needs a case that is {states}; {case} is {state}</source>
            <translation>{action}需要案件处于{states}状态；{case} 当前为{state}</translation>
        </message>
        <message>
            <source>{action} needs a reason: write it, then Enter</source>
            <translation>{action}需要填写原因：填写后按回车</translation>
        </message>
        <message>
            <source>{action}: done ({case})</source>
            <translation>{action}：已完成（{case}）</translation>
        </message>
        <message>
            <source>{case} is already with the top of its chain: nobody higher to escalate it to</source>
            <translation>{case} 已在处置链最高一级，无法再升级</translation>
        </message>
        <message>
            <source>{case}: nothing changed</source>
            <translation>{case}：未作更改</translation>
        </message>
        <message>
            <source>{n} cases ({first}, …)</source>
            <translation>{n} 个案件（{first} 等）</translation>
        </message>
        <message>
            <source>{n} cases escalated to {unit}</source>
            <translation>{n} 个案件升级至{unit}</translation>
        </message>
        <message>
            <source>{n} escalated here</source>
            <translation>其中 {n} 件为升级而来</translation>
        </message>
        <message>
            <source>{n} new cases for {unit}</source>
            <translation>{unit}新收到 {n} 个案件</translation>
        </message>
        <message>
            <source>{n} open cases</source>
            <translation>在办案件 {n} 件</translation>
        </message>
        <message>
            <source>{n} overdue</source>
            <translation>超期 {n} 件</translation>
        </message>
    </context>
    <context>
        <name>Desk</name>
        <message>
            <source>No connection to the daemon since {time}: nothing was sent. Try again when the views are live.</source>
            <translation>自 {time} 起与服务端断开：指令未发送。请在视图恢复实时后重试。</translation>
        </message>
    </context>
    <context>
        <name>Duty</name>
        <message>
            <source> (corrects No. {n})</source>
            <translation>（更正第 {n} 条）</translation>
        </message>
        <message>
            <source> min</source>
            <translation> 分钟</translation>
        </message>
        <message>
            <source>1. Duty log</source>
            <translation>1. 值班日志</translation>
        </message>
        <message>
            <source>2. Operational period</source>
            <translation>2. 值班时段</translation>
        </message>
        <message>
            <source>24 hours</source>
            <translation>24小时</translation>
        </message>
        <message>
            <source>3. Resources</source>
            <translation>3. 值班人员</translation>
        </message>
        <message>
            <source>4. Activity log ({n})</source>
            <translation>4. 值班记录（{n}）</translation>
        </message>
        <message>
            <source>5. Prepared by</source>
            <translation>5. 编制人</translation>
        </message>
        <message>
            <source>A heightened-duty day without a leader</source>
            <translation>加强值班日无带班领导</translation>
        </message>
        <message>
            <source>A month's roster</source>
            <translation>月排班表</translation>
        </message>
        <message>
            <source>Accept</source>
            <translation>确认接班</translation>
        </message>
        <message>
            <source>Accept or return a handover</source>
            <translation>接收或退回交接班</translation>
        </message>
        <message>
            <source>Accept the handover</source>
            <translation>接收交接班</translation>
        </message>
        <message>
            <source>Acknowledge</source>
            <translation>确认</translation>
        </message>
        <message>
            <source>Acknowledge a reminder</source>
            <translation>确认提醒</translation>
        </message>
        <message>
            <source>Acknowledge the selected reminder</source>
            <translation>确认所选提醒</translation>
        </message>
        <message>
            <source>Acknowledged: {title}</source>
            <translation>已确认：{title}</translation>
        </message>
        <message>
            <source>Action taken</source>
            <translation>采取措施</translation>
        </message>
        <message>
            <source>Activate</source>
            <translation>启动</translation>
        </message>
        <message>
            <source>Add a duty log entry</source>
            <translation>记录值班日志</translation>
        </message>
        <message>
            <source>Add a log entry</source>
            <translation>添加值班日志</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Approve</source>
            <translation>批准</translation>
        </message>
        <message>
            <source>Approve the selected swap</source>
            <translation>批准所选换班</translation>
        </message>
        <message>
            <source>Ask for a shift swap</source>
            <translation>申请换班</translation>
        </message>
        <message>
            <source>Ask for a swap</source>
            <translation>申请换班</translation>
        </message>
        <message>
            <source>Asked at</source>
            <translation>申请时间</translation>
        </message>
        <message>
            <source>Asked by</source>
            <translation>申请人</translation>
        </message>
        <message>
            <source>Asked: the duty leader decides</source>
            <translation>已申请：由带班领导审批</translation>
        </message>
        <message>
            <source>Author</source>
            <translation>记录人</translation>
        </message>
        <message>
            <source>Call received</source>
            <translation>接报来电</translation>
        </message>
        <message>
            <source>Cancel a reminder</source>
            <translation>取消提醒</translation>
        </message>
        <message>
            <source>Cancel reminder</source>
            <translation>取消提醒</translation>
        </message>
        <message>
            <source>Cancel the reminder</source>
            <translation>取消提醒</translation>
        </message>
        <message>
            <source>Cancel the reminder "{title}"? It will not ring again.</source>
            <translation>取消提醒“{title}”？它将不再响铃。</translation>
        </message>
        <message>
            <source>Cancel the selected reminder</source>
            <translation>取消所选提醒</translation>
        </message>
        <message>
            <source>Cancelled: {title}</source>
            <translation>已取消：{title}</translation>
        </message>
        <message>
            <source>Case type</source>
            <translation>案件类型</translation>
        </message>
        <message>
            <source>Case {n} opened for incident {i}: it waits for the district's dispatcher</source>
            <translation>已为事件 {i} 立案 {n}：等待区派单员派发</translation>
        </message>
        <message>
            <source>Casualties</source>
            <translation>伤亡</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Change an incident's level</source>
            <translation>调整事件级别</translation>
        </message>
        <message>
            <source>Check in for a shift</source>
            <translation>上岗签到</translation>
        </message>
        <message>
            <source>Choose who takes the shift first</source>
            <translation>请先选择替班人</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>结束事件</translation>
        </message>
        <message>
            <source>Close an incident</source>
            <translation>结束事件</translation>
        </message>
        <message>
            <source>Close the selected incident</source>
            <translation>关闭所选事件</translation>
        </message>
        <message>
            <source>Closed: the final report is due</source>
            <translation>已结束：请报送终报</translation>
        </message>
        <message>
            <source>Compile a handover draft</source>
            <translation>生成交接班草稿</translation>
        </message>
        <message>
            <source>Compile draft</source>
            <translation>汇总草稿</translation>
        </message>
        <message>
            <source>Compile the handover</source>
            <translation>生成交接班草稿</translation>
        </message>
        <message>
            <source>Compiled</source>
            <translation>汇总时间</translation>
        </message>
        <message>
            <source>Correct a log entry</source>
            <translation>更正日志条目</translation>
        </message>
        <message>
            <source>Correct the selected entry</source>
            <translation>更正所选条目</translation>
        </message>
        <message>
            <source>Corrected entry</source>
            <translation>更正的条目</translation>
        </message>
        <message>
            <source>Corrects</source>
            <translation>更正</translation>
        </message>
        <message>
            <source>Corrects the selected entry</source>
            <translation>更正所选记录</translation>
        </message>
        <message>
            <source>DUE</source>
            <translation>已到期</translation>
        </message>
        <message>
            <source>Date and time</source>
            <translation>日期时间</translation>
        </message>
        <message>
            <source>Day shift</source>
            <translation>白班</translation>
        </message>
        <message>
            <source>Decide a shift swap</source>
            <translation>审批换班</translation>
        </message>
        <message>
            <source>Decided by</source>
            <translation>接班签字</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>描述</translation>
        </message>
        <message>
            <source>Detail</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>District</source>
            <translation>区</translation>
        </message>
        <message>
            <source>Draft compiled: check it, then sign</source>
            <translation>草稿已汇总：核对后签字</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>到期时间</translation>
        </message>
        <message>
            <source>Duty</source>
            <translation>值班值守</translation>
        </message>
        <message>
            <source>Duty contacts</source>
            <translation>值班联络</translation>
        </message>
        <message>
            <source>Duty leader</source>
            <translation>带班领导</translation>
        </message>
        <message>
            <source>Duty log</source>
            <translation>值班日志</translation>
        </message>
        <message>
            <source>Duty log (ICS-214)</source>
            <translation>值班日志（ICS-214）</translation>
        </message>
        <message>
            <source>Duty officer</source>
            <translation>值班员</translation>
        </message>
        <message>
            <source>Duty wall</source>
            <translation>值班大屏</translation>
        </message>
        <message>
            <source>Entry</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>Entry {n} logged</source>
            <translation>第 {n} 条已记录</translation>
        </message>
        <message>
            <source>Entry {n} logged: corrects entry {m}</source>
            <translation>已记录第 {n} 条：更正第 {m} 条</translation>
        </message>
        <message>
            <source>Entry {n}: nothing logged</source>
            <translation>第 {n} 条：未记录任何内容</translation>
        </message>
        <message>
            <source>Event time</source>
            <translation>事件时间</translation>
        </message>
        <message>
            <source>Every (minutes)</source>
            <translation>间隔（分钟）</translation>
        </message>
        <message>
            <source>Excel…</source>
            <translation>Excel…</translation>
        </message>
        <message>
            <source>Export PDF…</source>
            <translation>导出 PDF…</translation>
        </message>
        <message>
            <source>Export a month's roster</source>
            <translation>导出月排班表</translation>
        </message>
        <message>
            <source>Export the duty log</source>
            <translation>导出值班日志</translation>
        </message>
        <message>
            <source>Export the handover</source>
            <translation>导出交接班单</translation>
        </message>
        <message>
            <source>Export the log from</source>
            <translation>导出日志：从</translation>
        </message>
        <message>
            <source>Final report</source>
            <translation>终报</translation>
        </message>
        <message>
            <source>Find a unit, a name or a phone</source>
            <translation>查找单位、姓名或电话</translation>
        </message>
        <message>
            <source>First at</source>
            <translation>首次时间</translation>
        </message>
        <message>
            <source>Flood season</source>
            <translation>汛期</translation>
        </message>
        <message>
            <source>Follow-up</source>
            <translation>续报</translation>
        </message>
        <message>
            <source>From</source>
            <translation>原值班人</translation>
        </message>
        <message>
            <source>Handed over to</source>
            <translation>接班人</translation>
        </message>
        <message>
            <source>Handover</source>
            <translation>交接班</translation>
        </message>
        <message>
            <source>Handover {n} accepted</source>
            <translation>交接班 {n} 已接收</translation>
        </message>
        <message>
            <source>Handover {n} returned with the question</source>
            <translation>交接班 {n} 已连同问题退回</translation>
        </message>
        <message>
            <source>Handover {n} signed and submitted</source>
            <translation>交接班 {n} 已签字提交</translation>
        </message>
        <message>
            <source>Heightened duty begins</source>
            <translation>加强值班开始</translation>
        </message>
        <message>
            <source>Heightened duty from {first}: {what}, until {last}</source>
            <translation>{first}起加强值班：{what}，至{last}</translation>
        </message>
        <message>
            <source>Heightened duty: {what}, until {last}</source>
            <translation>加强值班：{what}，至{last}</translation>
        </message>
        <message>
            <source>Incident</source>
            <translation>事件</translation>
        </message>
        <message>
            <source>Incident opened: its clocks run</source>
            <translation>事件已登记：报送计时开始</translation>
        </message>
        <message>
            <source>Incidents and reporting clocks</source>
            <translation>突发事件与报送时限</translation>
        </message>
        <message>
            <source>Incoming</source>
            <translation>接班人</translation>
        </message>
        <message>
            <source>Instruction from a superior</source>
            <translation>上级指示</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>事项</translation>
        </message>
        <message>
            <source>Joint duty: {units}</source>
            <translation>联合值班：{units}</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Known at</source>
            <translation>获知时间</translation>
        </message>
        <message>
            <source>Late check-in</source>
            <translation>签到迟到</translation>
        </message>
        <message>
            <source>Latest duty log entries</source>
            <translation>最新值班记录</translation>
        </message>
        <message>
            <source>Latitude</source>
            <translation>纬度</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>级别</translation>
        </message>
        <message>
            <source>Level changed: the reports start again</source>
            <translation>级别已调整：重新计时报送</translation>
        </message>
        <message>
            <source>Load coming shifts</source>
            <translation>载入待值班次</translation>
        </message>
        <message>
            <source>Load the coming shifts and choose one first</source>
            <translation>请先载入待值班次并选择一个</translation>
        </message>
        <message>
            <source>Log a correction of entry {n} ({text})? Both stay in the log for good.</source>
            <translation>记录对第 {n} 条（{text}）的更正？两条都将永久保留在日志中。</translation>
        </message>
        <message>
            <source>Log the correction</source>
            <translation>记录更正</translation>
        </message>
        <message>
            <source>Longitude</source>
            <translation>经度</translation>
        </message>
        <message>
            <source>Major event</source>
            <translation>重大活动</translation>
        </message>
        <message>
            <source>NOT CHECKED IN</source>
            <translation>未签到</translation>
        </message>
        <message>
            <source>Names and phones of who is on duty show for an operator's login or above</source>
            <translation>值班人员姓名和电话须以操作员或以上身份登录后显示</translation>
        </message>
        <message>
            <source>New incident</source>
            <translation>新事件</translation>
        </message>
        <message>
            <source>New incident…</source>
            <translation>登记事件…</translation>
        </message>
        <message>
            <source>New reminder</source>
            <translation>新提醒</translation>
        </message>
        <message>
            <source>Night shift</source>
            <translation>夜班</translation>
        </message>
        <message>
            <source>No departments or subdistricts yet: import the org units (org_units) with who is on duty at each</source>
            <translation>尚无部门或街道：请导入组织机构（org_units），并填写各单位值班人员</translation>
        </message>
        <message>
            <source>No handover yet this shift: the outgoing officer compiles a draft (Compile draft), checks it, then signs it</source>
            <translation>本班尚无交接单：交班人先汇总草稿（汇总草稿），核对后签字</translation>
        </message>
        <message>
            <source>No plan fits this incident</source>
            <translation>没有适用于该事件的预案</translation>
        </message>
        <message>
            <source>No report sent yet</source>
            <translation>尚未报送</translation>
        </message>
        <message>
            <source>No swap requests: an officer asks below to hand one of their coming shifts to someone, and the duty leader approves or refuses it here</source>
            <translation>没有换班申请：值班员在下方为自己即将到来的班次申请换班，带班领导在此批准或不批准</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Not checked in</source>
            <translation>未签到</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Note to the decision</source>
            <translation>审批意见</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>交班说明</translation>
        </message>
        <message>
            <source>Notes for the next shift</source>
            <translation>给下一班的说明</translation>
        </message>
        <message>
            <source>OVERDUE {t}</source>
            <translation>超时 {t}</translation>
        </message>
        <message>
            <source>On duty</source>
            <translation>值班人员</translation>
        </message>
        <message>
            <source>On duty now</source>
            <translation>当前值班</translation>
        </message>
        <message>
            <source>Only a draft is signed; this one is {state}</source>
            <translation>只有草稿可以签字；此交接班为{state}</translation>
        </message>
        <message>
            <source>Only a signed handover is accepted or returned; this one is {state}</source>
            <translation>只有已签字的交接班可以接收或退回；此交接班为{state}</translation>
        </message>
        <message>
            <source>Open a case</source>
            <translation>立案</translation>
        </message>
        <message>
            <source>Open a case for the selected incident</source>
            <translation>为所选事件立案</translation>
        </message>
        <message>
            <source>Open a case…</source>
            <translation>立案…</translation>
        </message>
        <message>
            <source>Open items ({n})</source>
            <translation>待办事项（{n}）</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>Outgoing</source>
            <translation>交班人</translation>
        </message>
        <message>
            <source>PDF…</source>
            <translation>PDF…</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>人员</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Phone report</source>
            <translation>电话首报</translation>
        </message>
        <message>
            <source>Plan {title} activated at level {level}</source>
            <translation>预案 {title} 已按 {level} 级启动</translation>
        </message>
        <message>
            <source>Position</source>
            <translation>岗位</translation>
        </message>
        <message>
            <source>Public holiday</source>
            <translation>法定节假日</translation>
        </message>
        <message>
            <source>Question</source>
            <translation>退回问题</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Recorded</source>
            <translation>记录时间</translation>
        </message>
        <message>
            <source>Refuse</source>
            <translation>不批准</translation>
        </message>
        <message>
            <source>Refuse the selected swap</source>
            <translation>拒绝所选换班</translation>
        </message>
        <message>
            <source>Register an incident</source>
            <translation>登记突发事件</translation>
        </message>
        <message>
            <source>Reminder</source>
            <translation>提醒</translation>
        </message>
        <message>
            <source>Reminder due</source>
            <translation>提醒到期</translation>
        </message>
        <message>
            <source>Reminders</source>
            <translation>提醒</translation>
        </message>
        <message>
            <source>Repeats</source>
            <translation>重复</translation>
        </message>
        <message>
            <source>Report due soon</source>
            <translation>报送即将到期</translation>
        </message>
        <message>
            <source>Report overdue</source>
            <translation>报送超时</translation>
        </message>
        <message>
            <source>Report recorded</source>
            <translation>报送已记录</translation>
        </message>
        <message>
            <source>Report sent</source>
            <translation>信息报送</translation>
        </message>
        <message>
            <source>Report text (Enter sends it)</source>
            <translation>报告内容（回车发送）</translation>
        </message>
        <message>
            <source>Return the handover</source>
            <translation>退回交接班</translation>
        </message>
        <message>
            <source>Return the handover with a question</source>
            <translation>退回交接班并提出问题</translation>
        </message>
        <message>
            <source>Return with a question…</source>
            <translation>退回并提问…</translation>
        </message>
        <message>
            <source>Roster: {count} ({units}), the first {first}</source>
            <translation>排班：{count}（{units}），最早{first}</translation>
        </message>
        <message>
            <source>Saved {path}</source>
            <translation>已保存 {path}</translation>
        </message>
        <message>
            <source>Schedule</source>
            <translation>添加</translation>
        </message>
        <message>
            <source>Schedule a reminder</source>
            <translation>安排提醒</translation>
        </message>
        <message>
            <source>Scheduled check</source>
            <translation>定时检查</translation>
        </message>
        <message>
            <source>Scheduled: {title}</source>
            <translation>已安排：{title}</translation>
        </message>
        <message>
            <source>Search the log…</source>
            <translation>搜索日志…</translation>
        </message>
        <message>
            <source>Select a handover first</source>
            <translation>请先选择交接班</translation>
        </message>
        <message>
            <source>Select a handover to read it</source>
            <translation>选择一份交接单查看内容</translation>
        </message>
        <message>
            <source>Select a reminder first</source>
            <translation>请先选择一条提醒</translation>
        </message>
        <message>
            <source>Select a request first</source>
            <translation>请先选择一条申请</translation>
        </message>
        <message>
            <source>Select an incident first</source>
            <translation>请先选择一个事件</translation>
        </message>
        <message>
            <source>Select an incident to see the reports sent for it</source>
            <translation>选择一个事件，查看已报送的内容</translation>
        </message>
        <message>
            <source>Select the entry to correct first</source>
            <translation>请先选择要更正的条目</translation>
        </message>
        <message>
            <source>Send an incident report</source>
            <translation>报送事件信息</translation>
        </message>
        <message>
            <source>Send report</source>
            <translation>报送</translation>
        </message>
        <message>
            <source>Set level</source>
            <translation>调整级别</translation>
        </message>
        <message>
            <source>Shift</source>
            <translation>班次</translation>
        </message>
        <message>
            <source>Shift handover</source>
            <translation>交接班</translation>
        </message>
        <message>
            <source>Shift handover No. {n}</source>
            <translation>交接班单 第 {n} 号</translation>
        </message>
        <message>
            <source>Shift handover {n}</source>
            <translation>交接班单 {n}</translation>
        </message>
        <message>
            <source>Sign and submit</source>
            <translation>签字提交</translation>
        </message>
        <message>
            <source>Sign and submit handover {n} from {outgoing}? What is signed cannot be changed.</source>
            <translation>签字提交 {outgoing} 的交接班 {n}？签字后不能更改。</translation>
        </message>
        <message>
            <source>Sign and submit the handover</source>
            <translation>签字提交交接班</translation>
        </message>
        <message>
            <source>Sign the handover</source>
            <translation>交接班签字</translation>
        </message>
        <message>
            <source>Signatures</source>
            <translation>签字</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <source>Special-period duty</source>
            <translation>特殊时期值守</translation>
        </message>
        <message>
            <source>Standing contacts</source>
            <translation>常设联络人</translation>
        </message>
        <message>
            <source>Starts</source>
            <translation>接班时间</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Subdistrict</source>
            <translation>街道</translation>
        </message>
        <message>
            <source>Submitted by</source>
            <translation>交班签字</translation>
        </message>
        <message>
            <source>Suggest a plan</source>
            <translation>推荐预案</translation>
        </message>
        <message>
            <source>Suggest a plan for the selected incident</source>
            <translation>为所选事件推荐预案</translation>
        </message>
        <message>
            <source>Suggest a plan…</source>
            <translation>推荐预案…</translation>
        </message>
        <message>
            <source>Swap request</source>
            <translation>换班申请</translation>
        </message>
        <message>
            <source>Swap requests</source>
            <translation>换班申请</translation>
        </message>
        <message>
            <source>Swap {n} approved</source>
            <translation>换班 {n} 已批准</translation>
        </message>
        <message>
            <source>Swap {n} refused</source>
            <translation>换班 {n} 已拒绝</translation>
        </message>
        <message>
            <source>Task from a superior</source>
            <translation>上级交办</translation>
        </message>
        <message>
            <source>The incoming officer accepts with their own login, not the one that signed</source>
            <translation>接班人员须用本人账号接收，不能用签字提交的账号</translation>
        </message>
        <message>
            <source>The shift to hand over (Load coming shifts)</source>
            <translation>要换出的班次（先载入待值班次）</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Time of the event</source>
            <translation>发生时间</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>To</source>
            <translation>替班人</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Until</source>
            <translation>截止</translation>
        </message>
        <message>
            <source>What happened (Enter adds it; it cannot be changed afterwards)</source>
            <translation>发生了什么（回车记录；记录后不可修改）</translation>
        </message>
        <message>
            <source>What is unclear?</source>
            <translation>哪里不清楚？</translation>
        </message>
        <message>
            <source>What was done (optional; Enter acknowledges)</source>
            <translation>处理情况（可选；回车确认）</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>地点</translation>
        </message>
        <message>
            <source>Who is on duty (names and phones)</source>
            <translation>当前值班人员（姓名和电话）</translation>
        </message>
        <message>
            <source>Who takes it</source>
            <translation>替班人</translation>
        </message>
        <message>
            <source>Write a report on the selected incident</source>
            <translation>为所选事件写报告</translation>
        </message>
        <message>
            <source>Written report</source>
            <translation>书面报告</translation>
        </message>
        <message>
            <source>a leader on duty in every unit</source>
            <translation>各单位均须带班领导在岗</translation>
        </message>
        <message>
            <source>accepted</source>
            <translation>已确认</translation>
        </message>
        <message>
            <source>check-in due</source>
            <translation>待签到</translation>
        </message>
        <message>
            <source>checked in late</source>
            <translation>签到迟到</translation>
        </message>
        <message>
            <source>coming</source>
            <translation>即将到期</translation>
        </message>
        <message>
            <source>dead</source>
            <translation>死亡</translation>
        </message>
        <message>
            <source>draft</source>
            <translation>草稿</translation>
        </message>
        <message>
            <source>due</source>
            <translation>到期</translation>
        </message>
        <message>
            <source>due, not acknowledged</source>
            <translation>已到期未确认</translation>
        </message>
        <message>
            <source>every {m} min</source>
            <translation>每 {m} 分钟</translation>
        </message>
        <message>
            <source>from the roster unless named</source>
            <translation>默认按排班表</translation>
        </message>
        <message>
            <source>hand to</source>
            <translation>换给</translation>
        </message>
        <message>
            <source>incident</source>
            <translation>事件</translation>
        </message>
        <message>
            <source>injured</source>
            <translation>受伤</translation>
        </message>
        <message>
            <source>missing</source>
            <translation>失踪</translation>
        </message>
        <message>
            <source>next: {next}, {at}</source>
            <translation>下一班：{next}，{at}</translation>
        </message>
        <message>
            <source>next: {report}</source>
            <translation>下一项：{report}</translation>
        </message>
        <message>
            <source>nobody</source>
            <translation>无人</translation>
        </message>
        <message>
            <source>off shift</source>
            <translation>未到班次</translation>
        </message>
        <message>
            <source>once</source>
            <translation>一次</translation>
        </message>
        <message>
            <source>overdue: {reports}</source>
            <translation>超时：{reports}</translation>
        </message>
        <message>
            <source>reminder</source>
            <translation>提醒</translation>
        </message>
        <message>
            <source>report due soon</source>
            <translation>报告即将到期</translation>
        </message>
        <message>
            <source>report every minute</source>
            <translation>每分钟报告一次</translation>
        </message>
        <message>
            <source>report every {n} minutes</source>
            <translation>每{n}分钟报告一次</translation>
        </message>
        <message>
            <source>report overdue</source>
            <translation>报告超时</translation>
        </message>
        <message>
            <source>reported</source>
            <translation>已报</translation>
        </message>
        <message>
            <source>returned</source>
            <translation>已退回</translation>
        </message>
        <message>
            <source>signed, awaiting the incoming officer</source>
            <translation>已签字，待接班确认</translation>
        </message>
        <message>
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <source>to be accepted</source>
            <translation>待接收</translation>
        </message>
        <message>
            <source>until</source>
            <translation>截止</translation>
        </message>
        <message>
            <source>until {until}</source>
            <translation>至 {until}</translation>
        </message>
        <message>
            <source>waiting</source>
            <translation>等待中</translation>
        </message>
        <message>
            <source>{n} day without a leader</source>
            <translation>{n}天无带班领导</translation>
        </message>
        <message>
            <source>{n} days without a leader</source>
            <translation>{n}天无带班领导</translation>
        </message>
        <message>
            <source>{n} late check-ins</source>
            <translation>{n} 人签到迟到</translation>
        </message>
        <message>
            <source>{n} people not checked in</source>
            <translation>{n} 人未签到</translation>
        </message>
        <message>
            <source>{n} reminders due</source>
            <translation>{n} 条提醒到期</translation>
        </message>
        <message>
            <source>{n} reports due soon</source>
            <translation>{n} 份报告即将到期</translation>
        </message>
        <message>
            <source>{n} reports overdue</source>
            <translation>{n} 份报告已超时</translation>
        </message>
        <message>
            <source>{t} left</source>
            <translation>剩余 {t}</translation>
        </message>
    </context>
    <context>
        <name>Enterprise</name>
        <message>
            <source> ({n} overdue)</source>
            <translation>（{n} 件超期）</translation>
        </message>
        <message>
            <source> · {n} overdue</source>
            <translation> · {n} 件超期</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>答复</translation>
        </message>
        <message>
            <source>Answer the selected demand</source>
            <translation>答复所选诉求</translation>
        </message>
        <message>
            <source>Assign</source>
            <translation>派单</translation>
        </message>
        <message>
            <source>Assign the selected demand</source>
            <translation>分派所选诉求</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Contacts</source>
            <translation>联系人</translation>
        </message>
        <message>
            <source>Credit code</source>
            <translation>统一社会信用代码</translation>
        </message>
        <message>
            <source>Days to resolve</source>
            <translation>平均办结天数</translation>
        </message>
        <message>
            <source>Demand</source>
            <translation>诉求</translation>
        </message>
        <message>
            <source>Demand received: {title}</source>
            <translation>已受理诉求：{title}</translation>
        </message>
        <message>
            <source>Demands</source>
            <translation>诉求</translation>
        </message>
        <message>
            <source>Demands this year</source>
            <translation>本年诉求</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>描述</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>排除预警</translation>
        </message>
        <message>
            <source>Dismiss an enterprise warning</source>
            <translation>撤销企业预警</translation>
        </message>
        <message>
            <source>Dismiss the selected warning</source>
            <translation>排除所选预警</translation>
        </message>
        <message>
            <source>Dismiss the warning</source>
            <translation>排除预警</translation>
        </message>
        <message>
            <source>Dismiss the warning on {name}? These causes will not raise it again.</source>
            <translation>排除对 {name} 的预警？这些原因将不再触发预警。</translation>
        </message>
        <message>
            <source>Early warning</source>
            <translation>经营预警</translation>
        </message>
        <message>
            <source>Enterprise</source>
            <translation>企业</translation>
        </message>
        <message>
            <source>Enterprise demand overdue</source>
            <translation>企业诉求超期</translation>
        </message>
        <message>
            <source>Enterprise demands</source>
            <translation>企业诉求</translation>
        </message>
        <message>
            <source>Enterprise early warnings</source>
            <translation>企业经营预警</translation>
        </message>
        <message>
            <source>Enterprise services</source>
            <translation>企业服务</translation>
        </message>
        <message>
            <source>Enterprise services (big screen)</source>
            <translation>企业服务（大屏）</translation>
        </message>
        <message>
            <source>Enterprise visit plans</source>
            <translation>企业走访计划</translation>
        </message>
        <message>
            <source>Enterprises</source>
            <translation>企业名录</translation>
        </message>
        <message>
            <source>Export the enterprise registry</source>
            <translation>导出企业名录</translation>
        </message>
        <message>
            <source>Findings</source>
            <translation>走访情况</translation>
        </message>
        <message>
            <source>From warning</source>
            <translation>来自预警</translation>
        </message>
        <message>
            <source>Highest warnings</source>
            <translation>预警得分最高的企业</translation>
        </message>
        <message>
            <source>Industry</source>
            <translation>行业</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>重点</translation>
        </message>
        <message>
            <source>Main reason</source>
            <translation>主要原因</translation>
        </message>
        <message>
            <source>Move a demand along</source>
            <translation>推进诉求办理</translation>
        </message>
        <message>
            <source>No demand yet</source>
            <translation>暂无诉求</translation>
        </message>
        <message>
            <source>No open warning</source>
            <translation>无未处理预警</translation>
        </message>
        <message>
            <source>No visit yet</source>
            <translation>暂无走访记录</translation>
        </message>
        <message>
            <source>Not satisfied: reopen</source>
            <translation>不满意：重新办理</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>OVERDUE</source>
            <translation>已超期</translation>
        </message>
        <message>
            <source>OVERDUE, escalated ×{n}</source>
            <translation>已超期，升级 ×{n}</translation>
        </message>
        <message>
            <source>Officer</source>
            <translation>服务专员</translation>
        </message>
        <message>
            <source>Only enterprises with an open warning</source>
            <translation>只看有预警的企业</translation>
        </message>
        <message>
            <source>Only overdue visits</source>
            <translation>只看逾期未走访</translation>
        </message>
        <message>
            <source>Open demands</source>
            <translation>在办诉求</translation>
        </message>
        <message>
            <source>Open demands by category</source>
            <translation>在办诉求（按类别）</translation>
        </message>
        <message>
            <source>Open warnings</source>
            <translation>未处理预警</translation>
        </message>
        <message>
            <source>Plan a visit</source>
            <translation>安排走访</translation>
        </message>
        <message>
            <source>Plan a visit for the selected warning</source>
            <translation>为所选预警安排走访</translation>
        </message>
        <message>
            <source>Plan a visit to the selected enterprise</source>
            <translation>为所选企业安排走访</translation>
        </message>
        <message>
            <source>Plan an enterprise visit</source>
            <translation>安排企业走访</translation>
        </message>
        <message>
            <source>Planned for</source>
            <translation>计划日期</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>目的</translation>
        </message>
        <message>
            <source>Rating</source>
            <translation>评分</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Receive a demand from the selected enterprise</source>
            <translation>受理所选企业的诉求</translation>
        </message>
        <message>
            <source>Receive an enterprise's demand</source>
            <translation>受理企业诉求</translation>
        </message>
        <message>
            <source>Receive demand</source>
            <translation>受理诉求</translation>
        </message>
        <message>
            <source>Record an enterprise visit</source>
            <translation>记录企业走访</translation>
        </message>
        <message>
            <source>Record the selected visit</source>
            <translation>记录所选走访</translation>
        </message>
        <message>
            <source>Record the visit (Ctrl+S)</source>
            <translation>记录走访（Ctrl+S）</translation>
        </message>
        <message>
            <source>Resolved</source>
            <translation>解决率</translation>
        </message>
        <message>
            <source>Satisfied</source>
            <translation>满意</translation>
        </message>
        <message>
            <source>Score</source>
            <translation>得分</translation>
        </message>
        <message>
            <source>Score the enterprises now</source>
            <translation>立即评估企业指标</translation>
        </message>
        <message>
            <source>Search enterprises…</source>
            <translation>搜索企业…</translation>
        </message>
        <message>
            <source>Search visit plans…</source>
            <translation>搜索走访计划…</translation>
        </message>
        <message>
            <source>Search warnings…</source>
            <translation>搜索预警…</translation>
        </message>
        <message>
            <source>Select a demand first</source>
            <translation>请先选择一条诉求</translation>
        </message>
        <message>
            <source>Select a visit plan first</source>
            <translation>请先选择走访计划</translation>
        </message>
        <message>
            <source>Select a warning first</source>
            <translation>请先选择一条预警</translation>
        </message>
        <message>
            <source>Select a warning to read its reasons and the figures behind them.</source>
            <translation>选择一条预警，查看其原因和背后的数据。</translation>
        </message>
        <message>
            <source>Select an enterprise first</source>
            <translation>请先选择企业</translation>
        </message>
        <message>
            <source>Select an enterprise in the list: its card shows who it is, its indicators, its open warning, its visits and demands, and plans a visit or receives a demand.</source>
            <translation>在左侧列表中选择一家企业：此处显示企业概况、指标走势、未处理预警、走访和诉求，并可安排走访或受理诉求。</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>规模</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>开始办理</translation>
        </message>
        <message>
            <source>Start work on the selected demand</source>
            <translation>开始办理所选诉求</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Subdistrict</source>
            <translation>街道</translation>
        </message>
        <message>
            <source>The answer, or why the enterprise is not satisfied</source>
            <translation>答复内容，或企业不满意的原因</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>走访</translation>
        </message>
        <message>
            <source>Visit plan</source>
            <translation>走访计划</translation>
        </message>
        <message>
            <source>Visit planned for {day}</source>
            <translation>已安排 {day} 走访</translation>
        </message>
        <message>
            <source>Visited on</source>
            <translation>走访日期</translation>
        </message>
        <message>
            <source>Visitors</source>
            <translation>走访人员</translation>
        </message>
        <message>
            <source>Visitors (Enter plans the visit)</source>
            <translation>走访人员（回车安排走访）</translation>
        </message>
        <message>
            <source>Visits</source>
            <translation>走访记录</translation>
        </message>
        <message>
            <source>Visits this year</source>
            <translation>本年走访</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation>预警</translation>
        </message>
        <message>
            <source>Warning {score:.0f} ({state}, {month}):</source>
            <translation>预警 {score:.0f} 分（{state}，{month}）：</translation>
        </message>
        <message>
            <source>What the enterprise asks for (Enter receives it)</source>
            <translation>企业诉求内容（回车受理）</translation>
        </message>
        <message>
            <source>Why it is no distress (required to dismiss; Enter dismisses)</source>
            <translation>排除理由（排除时必填；回车排除）</translation>
        </message>
        <message>
            <source>Write the reason it is no distress first</source>
            <translation>请先填写排除理由</translation>
        </message>
        <message>
            <source>answered</source>
            <translation>已答复</translation>
        </message>
        <message>
            <source>assigned</source>
            <translation>已派单</translation>
        </message>
        <message>
            <source>closed</source>
            <translation>已办结</translation>
        </message>
        <message>
            <source>demand</source>
            <translation>企业诉求</translation>
        </message>
        <message>
            <source>due</source>
            <translation>期限</translation>
        </message>
        <message>
            <source>high score</source>
            <translation>高分</translation>
        </message>
        <message>
            <source>in progress</source>
            <translation>办理中</translation>
        </message>
        <message>
            <source>key enterprise</source>
            <translation>重点企业</translation>
        </message>
        <message>
            <source>large</source>
            <translation>大型</translation>
        </message>
        <message>
            <source>medium</source>
            <translation>中型</translation>
        </message>
        <message>
            <source>micro</source>
            <translation>微型</translation>
        </message>
        <message>
            <source>no department yet</source>
            <translation>尚未派单</translation>
        </message>
        <message>
            <source>open</source>
            <translation>待处理</translation>
        </message>
        <message>
            <source>overdue</source>
            <translation>超期</translation>
        </message>
        <message>
            <source>received</source>
            <translation>已受理</translation>
        </message>
        <message>
            <source>reopened</source>
            <translation>重新办理</translation>
        </message>
        <message>
            <source>score {score:.0f}, {month}</source>
            <translation>得分 {score:.0f}，{month}</translation>
        </message>
        <message>
            <source>small</source>
            <translation>小型</translation>
        </message>
        <message>
            <source>the category's department</source>
            <translation>按类别默认部门</translation>
        </message>
        <message>
            <source>visit planned</source>
            <translation>已安排走访</translation>
        </message>
        <message>
            <source>{name}: dismissed, these causes will not raise it again</source>
            <translation>{name}：已排除，这些原因将不再触发预警</translation>
        </message>
        <message>
            <source>{name}: fell {run} months in a row (against the same months last year), {pct} in all</source>
            <translation>{name}：连续 {run} 个月下降（与上年同月相比），累计下降 {pct}</translation>
        </message>
        <message>
            <source>{name}: last {w} months {pct} below its own level before them, seasons considered ({now} against {before} {unit} expected)</source>
            <translation>{name}：近 {w} 个月比自身此前水平低 {pct}（已考虑季节因素；{now}，预期 {before} {unit}）</translation>
        </message>
        <message>
            <source>{name}: last {w} months {pct} below the same months a year earlier ({now} against {before} {unit} a month)</source>
            <translation>{name}：近 {w} 个月同比下降 {pct}（月均 {now}，上年同期 {before} {unit}）</translation>
        </message>
        <message>
            <source>{name}: no figure for the last {run} months (it used to arrive; {before} {unit} a month)</source>
            <translation>{name}：近 {run} 个月未报送数据（此前按月报送，月均 {before} {unit}）</translation>
        </message>
        <message>
            <source>{name}: visit recorded</source>
            <translation>{name}：走访已登记</translation>
        </message>
        <message>
            <source>{name}: {own} over the year while its peers (same industry section and size) changed {peers}</source>
            <translation>{name}：同比变化 {own}，同行业同规模企业中位数变化 {peers}</translation>
        </message>
        <message>
            <source>{name}: {step} done</source>
            <translation>{name}：{step}已完成</translation>
        </message>
        <message>
            <source>{n} enterprise demands overdue</source>
            <translation>{n} 件企业诉求超期</translation>
        </message>
        <message>
            <source>{n} enterprises</source>
            <translation>{n} 户企业</translation>
        </message>
        <message>
            <source>{n} overdue</source>
            <translation>{n} 件超期</translation>
        </message>
        <message>
            <source>{n} with a high score</source>
            <translation>{n} 条高分</translation>
        </message>
    </context>
    <context>
        <name>FeedReason</name>
        <message>
            <source>connected to the daemon</source>
            <translation>已连接服务端</translation>
        </message>
        <message>
            <source>no citybrain daemon answers at {endpoint} (still trying)</source>
            <translation>地址 {endpoint} 上没有 citybrain 服务端应答（仍在重试）</translation>
        </message>
        <message>
            <source>the connection to the daemon changed (see the desk's log)</source>
            <translation>与服务端的连接状态有变化（见席位日志）</translation>
        </message>
        <message>
            <source>the daemon and this desk disagree on encryption: ask IT to check this desk's key and the daemon's public key</source>
            <translation>服务端与本席位的加密设置不一致：请联系信息技术人员检查本席位密钥和服务端公钥</translation>
        </message>
        <message>
            <source>the daemon refused this desk's key: ask IT to add it to the daemon's allow-list</source>
            <translation>服务端拒绝了本席位的密钥：请联系信息技术人员将其加入服务端的允许名单</translation>
        </message>
        <message>
            <source>the daemon restarted</source>
            <translation>服务端已重启</translation>
        </message>
        <message>
            <source>the daemon was silent for {s} s</source>
            <translation>服务端 {s} 秒无响应</translation>
        </message>
        <message>
            <source>this daemon accepts encrypted desks only: ask IT to start this desk with its key and the daemon's public key</source>
            <translation>该服务端只接受加密连接的席位：请联系信息技术人员用本席位密钥和服务端公钥启动本席位</translation>
        </message>
        <message>
            <source>this daemon requires keys: ask IT for this desk's key and the daemon's public key</source>
            <translation>服务端要求加密密钥：请联系信息技术人员获取本席位密钥和服务端公钥</translation>
        </message>
        <message>
            <source>this desk's feed connection failed (see the desk's log)</source>
            <translation>本席位的数据连接出错（见席位日志）</translation>
        </message>
        <message>
            <source>updates for this operator were lost or stopped</source>
            <translation>本操作员的专属更新丢失或中断</translation>
        </message>
        <message>
            <source>updates for this operator were missed (a gap before no. {n})</source>
            <translation>漏收了本操作员的专属更新（第 {n} 号之前有缺口）</translation>
        </message>
        <message>
            <source>updates were missed (a gap before no. {n})</source>
            <translation>漏收了更新（第 {n} 号之前有缺口）</translation>
        </message>
        <message>
            <source>updates were missed (up to no. {n})</source>
            <translation>漏收了更新（截至第 {n} 号）</translation>
        </message>
    </context>
    <context>
        <name>FormView</name>
        <message>
            <source>Discard</source>
            <translation>放弃</translation>
        </message>
        <message>
            <source>Discard changes</source>
            <translation>放弃修改</translation>
        </message>
        <message>
            <source>Discard what was entered in this form?</source>
            <translation>放弃本表中已填写的内容？</translation>
        </message>
        <message>
            <source>Needed by: {lines}</source>
            <translation>所需条线：{lines}</translation>
        </message>
        <message>
            <source>No</source>
            <translation>否</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>a date like 2026-12-01</source>
            <translation>应为日期，如 2026-12-01</translation>
        </message>
        <message>
            <source>a number</source>
            <translation>应为数字</translation>
        </message>
        <message>
            <source>a whole number</source>
            <translation>应为整数</translation>
        </message>
        <message>
            <source>at most {n} characters</source>
            <translation>最多 {n} 个字</translation>
        </message>
        <message>
            <source>between {low} and {high}</source>
            <translation>应在 {low} 至 {high} 之间</translation>
        </message>
        <message>
            <source>not a valid answer</source>
            <translation>回答无效</translation>
        </message>
        <message>
            <source>not one of the choices</source>
            <translation>不在选项中</translation>
        </message>
        <message>
            <source>on record</source>
            <translation>已有记录</translation>
        </message>
        <message>
            <source>required</source>
            <translation>必填</translation>
        </message>
    </context>
    <context>
        <name>Jobs</name>
        <message>
            <source> (the first {n}: narrow the search)</source>
            <translation>（仅显示前 {n} 名，请缩小范围）</translation>
        </message>
        <message>
            <source>A hire brings</source>
            <translation>录用可享</translation>
        </message>
        <message>
            <source>A hire brings {subsidy}</source>
            <translation>雇用可带来{subsidy}</translation>
        </message>
        <message>
            <source>A seeker's name or a vacancy's title (Enter searches)</source>
            <translation>求职者姓名或岗位名称（回车搜索）</translation>
        </message>
        <message>
            <source>A seeker's name, or empty for all (Enter searches)</source>
            <translation>求职者姓名，留空列出全部（回车查询）</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>年龄</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>答复</translation>
        </message>
        <message>
            <source>Centre</source>
            <translation>中心</translation>
        </message>
        <message>
            <source>Circle</source>
            <translation>出行圈</translation>
        </message>
        <message>
            <source>Circle: {minutes} min on foot (each seeker has their own minutes and mode)</source>
            <translation>圆圈：步行{minutes}分钟（每位求职者各有自己的分钟数和出行方式）</translation>
        </message>
        <message>
            <source>Current point</source>
            <translation>当前点</translation>
        </message>
        <message>
            <source>District</source>
            <translation>辖区</translation>
        </message>
        <message>
            <source>Employer</source>
            <translation>用人单位</translation>
        </message>
        <message>
            <source>Employer or home</source>
            <translation>单位或住址</translation>
        </message>
        <message>
            <source>Employment circles (map)</source>
            <translation>就业服务圈（地图）</translation>
        </message>
        <message>
            <source>Enrol residents looking for work</source>
            <translation>登记求职居民</translation>
        </message>
        <message>
            <source>Find vacancies…</source>
            <translation>查找岗位…</translation>
        </message>
        <message>
            <source>Follow the matching view's selection</source>
            <translation>跟随人岗匹配视图的选择</translation>
        </message>
        <message>
            <source>Found</source>
            <translation>搜索结果</translation>
        </message>
        <message>
            <source>Go to the points inside the circle</source>
            <translation>转到圈内各点</translation>
        </message>
        <message>
            <source>Hours</source>
            <translation>工时</translation>
        </message>
        <message>
            <source>How many</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Inside the circle</source>
            <translation>圈内</translation>
        </message>
        <message>
            <source>Inside the circle, but not among the best {n} matches.</source>
            <translation>在圈内，但不在前{n}个最佳匹配中。</translation>
        </message>
        <message>
            <source>Inside the circle, nearest first</source>
            <translation>圈内各点，由近及远</translation>
        </message>
        <message>
            <source>Job matching</source>
            <translation>人岗匹配</translation>
        </message>
        <message>
            <source>Lacks</source>
            <translation>欠缺</translation>
        </message>
        <message>
            <source>Left</source>
            <translation>剩余</translation>
        </message>
        <message>
            <source>Lives in</source>
            <translation>居住小区</translation>
        </message>
        <message>
            <source>Log in to list the seekers.</source>
            <translation>登录后列出求职者。</translation>
        </message>
        <message>
            <source>Match</source>
            <translation>匹配对象</translation>
        </message>
        <message>
            <source>Match a seeker</source>
            <translation>为求职者匹配</translation>
        </message>
        <message>
            <source>Match a vacancy</source>
            <translation>为岗位匹配</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>No opening within reach</source>
            <translation>可达范围内无空缺</translation>
        </message>
        <message>
            <source>No seeker found: search for another name, or empty for all.</source>
            <translation>未找到求职者：换个姓名查询，或留空列出全部。</translation>
        </message>
        <message>
            <source>No seekers and no open vacancies yet.</source>
            <translation>尚无求职者，也无在招岗位。</translation>
        </message>
        <message>
            <source>No subdistrict in the org tree</source>
            <translation>组织架构中没有街道</translation>
        </message>
        <message>
            <source>Nobody and nothing found for “{text}”.</source>
            <translation>未找到与“{text}”相符的求职者或岗位。</translation>
        </message>
        <message>
            <source>Occupation</source>
            <translation>职业</translation>
        </message>
        <message>
            <source>Open vacancies</source>
            <translation>在招岗位</translation>
        </message>
        <message>
            <source>Openings</source>
            <translation>招聘人数</translation>
        </message>
        <message>
            <source>Openings left</source>
            <translation>剩余空缺</translation>
        </message>
        <message>
            <source>Outside the circle</source>
            <translation>圈外</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Push</source>
            <translation>推送</translation>
        </message>
        <message>
            <source>Push matches</source>
            <translation>推送岗位</translation>
        </message>
        <message>
            <source>Push the best 3 matches to every looking seeker of {name}?</source>
            <translation>向{name}每位求职者推送最匹配的 3 个岗位？</translation>
        </message>
        <message>
            <source>Push the best 3 to this seeker</source>
            <translation>向该求职者推送最匹配的 3 个岗位</translation>
        </message>
        <message>
            <source>Push the best matches to the selected seeker</source>
            <translation>向所选求职者推送最匹配的岗位</translation>
        </message>
        <message>
            <source>Push to a subdistrict</source>
            <translation>按街道推送</translation>
        </message>
        <message>
            <source>Push to every seeker of the chosen subdistrict</source>
            <translation>向所选街道的每位求职者推送</translation>
        </message>
        <message>
            <source>Push to every seeker of…</source>
            <translation>向街道全体求职者推送…</translation>
        </message>
        <message>
            <source>Read pushes</source>
            <translation>查看推送</translation>
        </message>
        <message>
            <source>Record a hire</source>
            <translation>登记录用</translation>
        </message>
        <message>
            <source>Record a seeker's answer</source>
            <translation>登记求职者答复</translation>
        </message>
        <message>
            <source>Record an interview</source>
            <translation>登记面试</translation>
        </message>
        <message>
            <source>Score</source>
            <translation>得分</translation>
        </message>
        <message>
            <source>Score {score} of 100</source>
            <translation>得分 {score}（满分100）</translation>
        </message>
        <message>
            <source>Score {score} of 100, because</source>
            <translation>得分 {score}（满分 100），依据</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>查询</translation>
        </message>
        <message>
            <source>Search for a seeker or a vacancy and press Enter on it to see its circle.</source>
            <translation>搜索求职者或岗位，在其上按回车即可查看其出行圈。</translation>
        </message>
        <message>
            <source>Search job seekers</source>
            <translation>查询求职者</translation>
        </message>
        <message>
            <source>Search seekers</source>
            <translation>查询求职者</translation>
        </message>
        <message>
            <source>Search seekers and vacancies</source>
            <translation>搜索求职者和岗位</translation>
        </message>
        <message>
            <source>Seeker</source>
            <translation>求职者</translation>
        </message>
        <message>
            <source>Seeker it is inside the circle of</source>
            <translation>岗位在其出行圈内的求职者</translation>
        </message>
        <message>
            <source>Seeker it is outside the circle of</source>
            <translation>岗位在其出行圈外的求职者</translation>
        </message>
        <message>
            <source>Seeker: {name}, {age}, {home}</source>
            <translation>求职者：{name}，{age}岁，{home}</translation>
        </message>
        <message>
            <source>Seekers</source>
            <translation>求职者</translation>
        </message>
        <message>
            <source>Seekers and openings by subdistrict (big screen)</source>
            <translation>各街道求职者与空缺（大屏）</translation>
        </message>
        <message>
            <source>Seekers looking</source>
            <translation>求职中人数</translation>
        </message>
        <message>
            <source>Seekers with no opening within reach</source>
            <translation>可达范围内无空缺的求职者</translation>
        </message>
        <message>
            <source>Select a seeker or a vacancy: its best matches show here.</source>
            <translation>选择求职者或岗位，最匹配的结果显示在此。</translation>
        </message>
        <message>
            <source>Select a seeker with matches first</source>
            <translation>请先选择有匹配岗位的求职者</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>性别</translation>
        </message>
        <message>
            <source>Show seekers</source>
            <translation>显示求职者</translation>
        </message>
        <message>
            <source>Show vacancies</source>
            <translation>显示岗位</translation>
        </message>
        <message>
            <source>Skills and certificates</source>
            <translation>技能与证书</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Subdistrict</source>
            <translation>街道</translation>
        </message>
        <message>
            <source>Subdistricts to look at: {n}</source>
            <translation>需关注的街道：{n}个</translation>
        </message>
        <message>
            <source>Subsidy</source>
            <translation>补贴</translation>
        </message>
        <message>
            <source>The circle: the seeker's minutes, on foot or by transit</source>
            <translation>圆圈：求职者可接受的出行分钟数（步行或公交）</translation>
        </message>
        <message>
            <source>The people base: {withdrawn} seekers no longer looking withdrawn ({ids}), {back} looking again</source>
            <translation>人口库：{withdrawn} 名求职者已不再求职，已退出（{ids}），{back} 名重新求职</translation>
        </message>
        <message>
            <source>The seeker's home</source>
            <translation>求职者住所</translation>
        </message>
        <message>
            <source>The vacancy's workplace</source>
            <translation>岗位工作地点</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Trip</source>
            <translation>通勤</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Vacancies</source>
            <translation>岗位</translation>
        </message>
        <message>
            <source>Vacancy</source>
            <translation>岗位</translation>
        </message>
        <message>
            <source>Vacancy inside the circle</source>
            <translation>圈内岗位</translation>
        </message>
        <message>
            <source>Vacancy outside it</source>
            <translation>圈外岗位</translation>
        </message>
        <message>
            <source>Vacancy: {title}, {employer}</source>
            <translation>岗位：{title}，{employer}</translation>
        </message>
        <message>
            <source>Wage</source>
            <translation>薪资</translation>
        </message>
        <message>
            <source>Wage from</source>
            <translation>薪资下限</translation>
        </message>
        <message>
            <source>Wants</source>
            <translation>意向职业</translation>
        </message>
        <message>
            <source>another major group</source>
            <translation>不同大类</translation>
        </message>
        <message>
            <source>any hours</source>
            <translation>工时不限</translation>
        </message>
        <message>
            <source>any work</source>
            <translation>不限职业</translation>
        </message>
        <message>
            <source>below the education asked</source>
            <translation>学历低于要求</translation>
        </message>
        <message>
            <source>by transit</source>
            <translation>公交</translation>
        </message>
        <message>
            <source>declined</source>
            <translation>不感兴趣</translation>
        </message>
        <message>
            <source>filled</source>
            <translation>已招满</translation>
        </message>
        <message>
            <source>flexible</source>
            <translation>灵活</translation>
        </message>
        <message>
            <source>full time</source>
            <translation>全职</translation>
        </message>
        <message>
            <source>holds {held}</source>
            <translation>具备 {held}</translation>
        </message>
        <message>
            <source>in {n} open vacancies</source>
            <translation>分布于{n}个在招岗位</translation>
        </message>
        <message>
            <source>interested</source>
            <translation>感兴趣</translation>
        </message>
        <message>
            <source>lacks {missing}</source>
            <translation>欠缺 {missing}</translation>
        </message>
        <message>
            <source>no opening in reach</source>
            <translation>可达范围内无空缺</translation>
        </message>
        <message>
            <source>none required</source>
            <translation>无要求</translation>
        </message>
        <message>
            <source>on foot</source>
            <translation>步行</translation>
        </message>
        <message>
            <source>part time</source>
            <translation>兼职</translation>
        </message>
        <message>
            <source>same major group</source>
            <translation>同一大类</translation>
        </message>
        <message>
            <source>same middle group</source>
            <translation>同一中类</translation>
        </message>
        <message>
            <source>same minor group</source>
            <translation>同一小类</translation>
        </message>
        <message>
            <source>same occupation</source>
            <translation>同一职业</translation>
        </message>
        <message>
            <source>to</source>
            <translation>薪资上限</translation>
        </message>
        <message>
            <source>{minutes} min {mode}</source>
            <translation>{mode} {minutes} 分钟</translation>
        </message>
        <message>
            <source>{minutes} min · {who}</source>
            <translation>{minutes}分钟 · {who}</translation>
        </message>
        <message>
            <source>{name}, {age}, wants {occupation} · {wage} · {hours} · {minutes} min circle</source>
            <translation>{name}，{age} 岁，意向 {occupation} · {wage} · {hours} · {minutes} 分钟就业圈</translation>
        </message>
        <message>
            <source>{n} matches inside the circle, best first</source>
            <translation>就业圈内匹配 {n} 个，按得分排序</translation>
        </message>
        <message>
            <source>{n} seeker found</source>
            <translation>找到求职者 {n} 名</translation>
        </message>
        <message>
            <source>{n} seekers found</source>
            <translation>找到求职者 {n} 名</translation>
        </message>
        <message>
            <source>{n} vacancies pushed</source>
            <translation>已推送 {n} 个岗位</translation>
        </message>
        <message>
            <source>{n} vacancies pushed to {m} seekers</source>
            <translation>已向 {m} 名求职者推送 {n} 个岗位</translation>
        </message>
        <message>
            <source>{title} at {employer} · filled on {day}: no openings left</source>
            <translation>{title}（{employer}）· {day} 已招满，无空缺</translation>
        </message>
        <message>
            <source>{title} at {employer} · {wage} · {open} open</source>
            <translation>{employer} {title} · {wage} · 空缺 {open} 个</translation>
        </message>
        <message>
            <source>{who}: inside the circles of {n} of the {total} nearest seekers</source>
            <translation>{who}：在最近的{total}位求职者中，位于其中{n}位的出行圈内</translation>
        </message>
        <message>
            <source>{who}: {minutes} min {mode}, {km} km straight; {n} of {total} open vacancies inside</source>
            <translation>{who}：{mode}{minutes}分钟，直线{km}公里；{total}个在招岗位中有{n}个在圈内</translation>
        </message>
    </context>
    <context>
        <name>Login</name>
        <message>
            <source>Log in to citybrain</source>
            <translation>登录城市智脑</translation>
        </message>
        <message>
            <source>Not logged in</source>
            <translation>未登录</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>The daemon refused the login</source>
            <translation>服务端拒绝了登录</translation>
        </message>
        <message>
            <source>Too many failed logins: locked for {n} more minute</source>
            <translation>登录失败次数过多：已锁定，{n} 分钟后解除</translation>
        </message>
        <message>
            <source>Too many failed logins: locked for {n} more minutes</source>
            <translation>登录失败次数过多：已锁定，{n} 分钟后解除</translation>
        </message>
        <message>
            <source>Too many failed logins: try again in {n} second</source>
            <translation>登录失败次数过多：请 {n} 秒后再试</translation>
        </message>
        <message>
            <source>Too many failed logins: try again in {n} seconds</source>
            <translation>登录失败次数过多：请 {n} 秒后再试</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>用户名</translation>
        </message>
        <message>
            <source>Wrong user name or password</source>
            <translation>用户名或密码错误</translation>
        </message>
        <message>
            <source>the daemon did not answer</source>
            <translation>服务端无响应</translation>
        </message>
    </context>
    <context>
        <name>Main</name>
        <message>
            <source>&amp;Actions</source>
            <translation>操作(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;Layout</source>
            <translation>布局(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Notifications</source>
            <translation>通知(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Session</source>
            <translation>会话(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Window</source>
            <translation>窗口(&amp;W)</translation>
        </message>
        <message>
            <source>Alarms cannot be heard on this desk: {why}</source>
            <translation>本席位听不到报警音：{why}</translation>
        </message>
        <message>
            <source>Banners</source>
            <translation>横幅</translation>
        </message>
        <message>
            <source>Changed shortcuts are not saved yet: OK saves them, Cancel discards them.</source>
            <translation>修改的快捷键尚未保存：确定保存，取消放弃。</translation>
        </message>
        <message>
            <source>Chinese text will show as empty boxes. Ask IT to install a CJK font (Noto Sans CJK SC).</source>
            <translation>中文将显示为方框。请联系信息科安装中文字体（Noto Sans CJK SC）。</translation>
        </message>
        <message>
            <source>Click a shortcut and press the new keys; Backspace clears it.</source>
            <translation>点击快捷键后按下新的按键；退格键清除。</translation>
        </message>
        <message>
            <source>Command</source>
            <translation>命令</translation>
        </message>
        <message>
            <source>Command palette…</source>
            <translation>命令面板…</translation>
        </message>
        <message>
            <source>Delete layout</source>
            <translation>删除布局</translation>
        </message>
        <message>
            <source>Delete layout…</source>
            <translation>删除布局…</translation>
        </message>
        <message>
            <source>Delete the saved layout “{name}”?</source>
            <translation>删除已保存的布局“{name}”？</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>错误</translation>
        </message>
        <message>
            <source>Full screen</source>
            <translation>全屏</translation>
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>键盘快捷键</translation>
        </message>
        <message>
            <source>Keyboard shortcuts…</source>
            <translation>键盘快捷键…</translation>
        </message>
        <message>
            <source>Language: {name}</source>
            <translation>界面语言：{name}</translation>
        </message>
        <message>
            <source>Layout</source>
            <translation>布局</translation>
        </message>
        <message>
            <source>Layout file unreadable; the preset is used</source>
            <translation>布局文件无法读取，已改用预设布局</translation>
        </message>
        <message>
            <source>Layout not renamed</source>
            <translation>布局未重命名</translation>
        </message>
        <message>
            <source>Layout not saved</source>
            <translation>布局未保存</translation>
        </message>
        <message>
            <source>Layout not switched</source>
            <translation>布局未切换</translation>
        </message>
        <message>
            <source>Layout {name} names views no installed plugin offers: {views}</source>
            <translation>布局 {name} 中的视图没有已安装的插件提供：{views}</translation>
        </message>
        <message>
            <source>Layout “{name}” saved</source>
            <translation>布局“{name}”已保存</translation>
        </message>
        <message>
            <source>Log in…</source>
            <translation>登录…</translation>
        </message>
        <message>
            <source>Log out</source>
            <translation>退出登录</translation>
        </message>
        <message>
            <source>Move to screen</source>
            <translation>移到屏幕</translation>
        </message>
        <message>
            <source>Move window to screen {name}</source>
            <translation>将窗口移到屏幕 {name}</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>New name</source>
            <translation>新名称</translation>
        </message>
        <message>
            <source>New window</source>
            <translation>新建窗口</translation>
        </message>
        <message>
            <source>No Chinese font</source>
            <translation>缺少中文字体</translation>
        </message>
        <message>
            <source>No sound device</source>
            <translation>无声音设备</translation>
        </message>
        <message>
            <source>Nothing to delete</source>
            <translation>没有可删除的布局</translation>
        </message>
        <message>
            <source>Notifications…</source>
            <translation>通知中心…</translation>
        </message>
        <message>
            <source>Only the duty leader may silence the wall.</source>
            <translation>只有带班领导可以为大屏消音。</translation>
        </message>
        <message>
            <source>Only the shipped presets exist.</source>
            <translation>只有随软件提供的预设布局。</translation>
        </message>
        <message>
            <source>Open view</source>
            <translation>打开视图</translation>
        </message>
        <message>
            <source>Open view: {title}</source>
            <translation>打开视图：{title}</translation>
        </message>
        <message>
            <source>Plugin</source>
            <translation>插件</translation>
        </message>
        <message>
            <source>Plugin states…</source>
            <translation>插件状态…</translation>
        </message>
        <message>
            <source>Plugin switched off</source>
            <translation>插件已停用</translation>
        </message>
        <message>
            <source>Plugins</source>
            <translation>插件</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <source>Rename layout</source>
            <translation>重命名布局</translation>
        </message>
        <message>
            <source>Rename layout…</source>
            <translation>重命名布局…</translation>
        </message>
        <message>
            <source>Save layout</source>
            <translation>保存布局</translation>
        </message>
        <message>
            <source>Save layout as</source>
            <translation>布局另存为</translation>
        </message>
        <message>
            <source>Save layout as…</source>
            <translation>布局另存为…</translation>
        </message>
        <message>
            <source>Shortcut</source>
            <translation>快捷键</translation>
        </message>
        <message>
            <source>Side</source>
            <translation>端</translation>
        </message>
        <message>
            <source>Silence the alarm sound</source>
            <translation>报警音消音</translation>
        </message>
        <message>
            <source>Silencing not logged</source>
            <translation>消音未记录</translation>
        </message>
        <message>
            <source>Sound stays on</source>
            <translation>声音保持开启</translation>
        </message>
        <message>
            <source>Sound test</source>
            <translation>声音测试</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Switch layout: {name}</source>
            <translation>切换布局：{name}</translation>
        </message>
        <message>
            <source>Test the alarm sounds</source>
            <translation>测试报警音</translation>
        </message>
        <message>
            <source>The alarm sound is silenced, but the daemon did not log it: {why}</source>
            <translation>报警音已消音，但服务端未记录：{why}</translation>
        </message>
        <message>
            <source>The urgent alarm sound, then the high one.</source>
            <translation>先播放紧急报警音，再播放高级报警音。</translation>
        </message>
        <message>
            <source>Theme: {name}</source>
            <translation>主题：{name}</translation>
        </message>
        <message>
            <source>Views not available</source>
            <translation>视图不可用</translation>
        </message>
        <message>
            <source>absent</source>
            <translation>未安装</translation>
        </message>
        <message>
            <source>citybrain · {unit}</source>
            <translation>城市智脑 · {unit}</translation>
        </message>
        <message>
            <source>daemon</source>
            <translation>服务端</translation>
        </message>
        <message>
            <source>dark</source>
            <translation>深色</translation>
        </message>
        <message>
            <source>desk</source>
            <translation>席位</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <source>its saved settings could not be restored: {e}</source>
            <translation>无法恢复其保存的设置：{e}</translation>
        </message>
        <message>
            <source>light</source>
            <translation>浅色</translation>
        </message>
        <message>
            <source>loaded</source>
            <translation>已加载</translation>
        </message>
        <message>
            <source>switched off</source>
            <translation>已停用</translation>
        </message>
        <message>
            <source>{key} is given to two commands: {a} and {b}</source>
            <translation>{key} 同时分配给了两个命令：{a} 和 {b}</translation>
        </message>
    </context>
    <context>
        <name>Marker</name>
        <message>
            <source>above the alarm line</source>
            <translation>高于报警线</translation>
        </message>
        <message>
            <source>above the warning line</source>
            <translation>高于预警线</translation>
        </message>
        <message>
            <source>below the alarm line</source>
            <translation>低于报警线</translation>
        </message>
        <message>
            <source>below the warning line</source>
            <translation>低于预警线</translation>
        </message>
    </context>
    <context>
        <name>Metrics</name>
        <message>
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>Actual resolution rate</source>
            <translation>实际解决率</translation>
        </message>
        <message>
            <source>Add a tile</source>
            <translation>添加卡片</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Answers to job pushes</source>
            <translation>岗位推送答复数</translation>
        </message>
        <message>
            <source>Area</source>
            <translation>区域</translation>
        </message>
        <message>
            <source>Base</source>
            <translation>基数</translation>
        </message>
        <message>
            <source>Breakdown</source>
            <translation>分组</translation>
        </message>
        <message>
            <source>Caller satisfaction rate (12345)</source>
            <translation>市民满意率（12345）</translation>
        </message>
        <message>
            <source>Card</source>
            <translation>指标卡</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>Case #{case} opened</source>
            <translation>已立案 #{case}</translation>
        </message>
        <message>
            <source>Case resolution rate</source>
            <translation>案件解决率</translation>
        </message>
        <message>
            <source>Case type</source>
            <translation>案件类型</translation>
        </message>
        <message>
            <source>Case-study figure</source>
            <translation>案例公布数据</translation>
        </message>
        <message>
            <source>Case-study figure · trend: demo data</source>
            <translation>案例公布数据 · 趋势为演示数据</translation>
        </message>
        <message>
            <source>Cases opened</source>
            <translation>案件数</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <source>Chart</source>
            <translation>趋势图</translation>
        </message>
        <message>
            <source>City metrics</source>
            <translation>城市运行指标</translation>
        </message>
        <message>
            <source>Click a tile to change it</source>
            <translation>点击一个卡片进行修改</translation>
        </message>
        <message>
            <source>Committee</source>
            <translation>居委会</translation>
        </message>
        <message>
            <source>Compound</source>
            <translation>小区</translation>
        </message>
        <message>
            <source>Dashboards</source>
            <translation>指标看板</translation>
        </message>
        <message>
            <source>Dashboards in turn</source>
            <translation>指标看板轮播</translation>
        </message>
        <message>
            <source>Days from registration to hire</source>
            <translation>登记至录用天数</translation>
        </message>
        <message>
            <source>Days to resolve a demand</source>
            <translation>诉求平均办结天数</translation>
        </message>
        <message>
            <source>Demo data</source>
            <translation>演示数据</translation>
        </message>
        <message>
            <source>Demo data except ○ (case study)</source>
            <translation>演示数据（○ 为案例公布数据）</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>描述</translation>
        </message>
        <message>
            <source>Device</source>
            <translation>设备</translation>
        </message>
        <message>
            <source>Disability</source>
            <translation>残疾人服务</translation>
        </message>
        <message>
            <source>Dispatched</source>
            <translation>派单时间</translation>
        </message>
        <message>
            <source>District</source>
            <translation>区</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>时限</translation>
        </message>
        <message>
            <source>Edit</source>
            <translation>编辑</translation>
        </message>
        <message>
            <source>Education</source>
            <translation>教育</translation>
        </message>
        <message>
            <source>Elderly care</source>
            <translation>养老服务</translation>
        </message>
        <message>
            <source>Employment</source>
            <translation>就业</translation>
        </message>
        <message>
            <source>Ended</source>
            <translation>结束</translation>
        </message>
        <message>
            <source>Enforcement</source>
            <translation>执法</translation>
        </message>
        <message>
            <source>Enterprise demands</source>
            <translation>企业诉求</translation>
        </message>
        <message>
            <source>Enterprise demands resolved</source>
            <translation>企业诉求解决率</translation>
        </message>
        <message>
            <source>Enterprise visits</source>
            <translation>走访企业次数</translation>
        </message>
        <message>
            <source>Enterprises satisfied</source>
            <translation>企业满意率</translation>
        </message>
        <message>
            <source>Enterprises visited</source>
            <translation>走访覆盖企业数</translation>
        </message>
        <message>
            <source>Escalated to</source>
            <translation>升级至</translation>
        </message>
        <message>
            <source>Escalations</source>
            <translation>升级次数</translation>
        </message>
        <message>
            <source>Events</source>
            <translation>次数</translation>
        </message>
        <message>
            <source>Export PDF</source>
            <translation>导出 PDF</translation>
        </message>
        <message>
            <source>Export PNG</source>
            <translation>导出 PNG</translation>
        </message>
        <message>
            <source>Export tables to Excel</source>
            <translation>表格导出 Excel</translation>
        </message>
        <message>
            <source>Export the dashboard</source>
            <translation>导出看板</translation>
        </message>
        <message>
            <source>Figures of {unit} where a KPI is counted per unit, of {above} where it is counted only down to there; the others are the district's</source>
            <translation>{unit}的数据（按单位统计的指标），只统计到{above}一级的指标为{above}的数据；其余指标为全区数据</translation>
        </message>
        <message>
            <source>Figures of {unit} where a KPI is counted per unit; the others are the district's</source>
            <translation>{unit}的数据（按单位统计的指标）；其余指标为全区数据</translation>
        </message>
        <message>
            <source>Findings</source>
            <translation>走访发现</translation>
        </message>
        <message>
            <source>First alarm</source>
            <translation>首次报警</translation>
        </message>
        <message>
            <source>First contact</source>
            <translation>首次联系</translation>
        </message>
        <message>
            <source>First-contact rate</source>
            <translation>先行联系率</translation>
        </message>
        <message>
            <source>Found</source>
            <translation>发现时间</translation>
        </message>
        <message>
            <source>Governance satisfaction (city survey)</source>
            <translation>城市治理群众满意度（全市测评）</translation>
        </message>
        <message>
            <source>Group</source>
            <translation>分组</translation>
        </message>
        <message>
            <source>Handled</source>
            <translation>处置时间</translation>
        </message>
        <message>
            <source>Handled by</source>
            <translation>承办单位</translation>
        </message>
        <message>
            <source>Handling unit</source>
            <translation>承办单位</translation>
        </message>
        <message>
            <source>Health</source>
            <translation>健康</translation>
        </message>
        <message>
            <source>High</source>
            <translation>高</translation>
        </message>
        <message>
            <source>High urgency</source>
            <translation>紧急</translation>
        </message>
        <message>
            <source>Hired</source>
            <translation>录用</translation>
        </message>
        <message>
            <source>Hires through job pushes</source>
            <translation>推送录用人数</translation>
        </message>
        <message>
            <source>Hits ready for a visit (no conflict)</source>
            <translation>可上门的应享未享（无冲突）</translation>
        </message>
        <message>
            <source>Hotline ticket</source>
            <translation>热线工单</translation>
        </message>
        <message>
            <source>Hotline tickets</source>
            <translation>热线工单量</translation>
        </message>
        <message>
            <source>Hotline year</source>
            <translation>热线年度</translation>
        </message>
        <message>
            <source>Housing</source>
            <translation>住房</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>身份证号</translation>
        </message>
        <message>
            <source>Inspection</source>
            <translation>巡查</translation>
        </message>
        <message>
            <source>Interview</source>
            <translation>面试</translation>
        </message>
        <message>
            <source>Job interviews</source>
            <translation>面试数</translation>
        </message>
        <message>
            <source>Job pushes</source>
            <translation>岗位推送数</translation>
        </message>
        <message>
            <source>KPI</source>
            <translation>指标</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Last alarm</source>
            <translation>最近报警</translation>
        </message>
        <message>
            <source>Latest</source>
            <translation>最新</translation>
        </message>
        <message>
            <source>Ledger entries spared by the one visit form</source>
            <translation>一表通免填台账比例</translation>
        </message>
        <message>
            <source>Low</source>
            <translation>低</translation>
        </message>
        <message>
            <source>Low urgency</source>
            <translation>一般</translation>
        </message>
        <message>
            <source>Medium</source>
            <translation>中</translation>
        </message>
        <message>
            <source>Medium urgency</source>
            <translation>较急</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>月份</translation>
        </message>
        <message>
            <source>Move the tile</source>
            <translation>移动卡片</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Narrower</source>
            <translation>变窄</translation>
        </message>
        <message>
            <source>No figures for this yet.</source>
            <translation>暂无数据。</translation>
        </message>
        <message>
            <source>No records can be listed for this KPI</source>
            <translation>该指标无法列出明细记录</translation>
        </message>
        <message>
            <source>No-visit benefits granted from the lists</source>
            <translation>免走访直接发放的待遇</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Open a case for a hotline ticket</source>
            <translation>为热线工单立案</translation>
        </message>
        <message>
            <source>Open a case for the ticket</source>
            <translation>为该工单立案</translation>
        </message>
        <message>
            <source>Open311</source>
            <translation>开放接口</translation>
        </message>
        <message>
            <source>Opened</source>
            <translation>立案时间</translation>
        </message>
        <message>
            <source>Opened by</source>
            <translation>立案人</translation>
        </message>
        <message>
            <source>Outreach visits ending enrolled</source>
            <translation>走访后已纳入保障</translation>
        </message>
        <message>
            <source>Outreach visits finding the rule wrong</source>
            <translation>走访核实不符合条件</translation>
        </message>
        <message>
            <source>Outreach visits planned</source>
            <translation>已安排走访</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>超期</translation>
        </message>
        <message>
            <source>Overdue share of cases</source>
            <translation>案件超期占比</translation>
        </message>
        <message>
            <source>Patrol handling rate</source>
            <translation>巡查处置率</translation>
        </message>
        <message>
            <source>Patrol handling rate (imported counts)</source>
            <translation>巡查问题处置率（导入计数）</translation>
        </message>
        <message>
            <source>Patrols</source>
            <translation>巡查次数</translation>
        </message>
        <message>
            <source>Patrols (imported counts)</source>
            <translation>巡查次数（导入计数）</translation>
        </message>
        <message>
            <source>Points</source>
            <translation>点位</translation>
        </message>
        <message>
            <source>Policy</source>
            <translation>政策</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>优先级</translation>
        </message>
        <message>
            <source>Problems found</source>
            <translation>发现问题</translation>
        </message>
        <message>
            <source>Problems found on patrol</source>
            <translation>巡查发现问题</translation>
        </message>
        <message>
            <source>Problems found on patrol (imported counts)</source>
            <translation>巡查发现问题（导入计数）</translation>
        </message>
        <message>
            <source>Problems handled</source>
            <translation>处置问题</translation>
        </message>
        <message>
            <source>Problems handled (imported counts)</source>
            <translation>已处置问题（导入计数）</translation>
        </message>
        <message>
            <source>Pushed</source>
            <translation>推送时间</translation>
        </message>
        <message>
            <source>Pushes that led to a hire</source>
            <translation>推送录用转化率</translation>
        </message>
        <message>
            <source>Raised</source>
            <translation>提出时间</translation>
        </message>
        <message>
            <source>Rank</source>
            <translation>排名</translation>
        </message>
        <message>
            <source>Rank among Shanghai's districts</source>
            <translation>全市各区排名</translation>
        </message>
        <message>
            <source>Ranking</source>
            <translation>排名</translation>
        </message>
        <message>
            <source>Rating</source>
            <translation>评价</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>受理时间</translation>
        </message>
        <message>
            <source>Records to Excel</source>
            <translation>明细导出 Excel</translation>
        </message>
        <message>
            <source>Relief</source>
            <translation>社会救助</translation>
        </message>
        <message>
            <source>Remove the tile</source>
            <translation>删除卡片</translation>
        </message>
        <message>
            <source>Reopen rate</source>
            <translation>重办率</translation>
        </message>
        <message>
            <source>Reopened</source>
            <translation>重办次数</translation>
        </message>
        <message>
            <source>Resident visits per staff-day</source>
            <translation>人均每日走访居民数</translation>
        </message>
        <message>
            <source>Residents missing a benefit (hits)</source>
            <translation>应享未享人次</translation>
        </message>
        <message>
            <source>Resolved</source>
            <translation>已解决</translation>
        </message>
        <message>
            <source>Resolved on</source>
            <translation>办结时间</translation>
        </message>
        <message>
            <source>Responded</source>
            <translation>回复时间</translation>
        </message>
        <message>
            <source>Response</source>
            <translation>回复</translation>
        </message>
        <message>
            <source>Satisfaction</source>
            <translation>满意度</translation>
        </message>
        <message>
            <source>Satisfied</source>
            <translation>满意</translation>
        </message>
        <message>
            <source>Scenario</source>
            <translation>场景</translation>
        </message>
        <message>
            <source>Score</source>
            <translation>得分</translation>
        </message>
        <message>
            <source>Seeker</source>
            <translation>求职者</translation>
        </message>
        <message>
            <source>Select a ticket first</source>
            <translation>请先选择一条工单</translation>
        </message>
        <message>
            <source>Sensor alarms raised</source>
            <translation>物联告警数</translation>
        </message>
        <message>
            <source>Sensor cases the property company resolved</source>
            <translation>物业自行处置率（物联工单）</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>发送时间</translation>
        </message>
        <message>
            <source>Shorter</source>
            <translation>变矮</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>开始</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Subcategory</source>
            <translation>二级分类</translation>
        </message>
        <message>
            <source>Subdistrict</source>
            <translation>街道</translation>
        </message>
        <message>
            <source>Supervision</source>
            <translation>督查</translation>
        </message>
        <message>
            <source>Table</source>
            <translation>表格</translation>
        </message>
        <message>
            <source>Taller</source>
            <translation>变高</translation>
        </message>
        <message>
            <source>Team</source>
            <translation>队伍</translation>
        </message>
        <message>
            <source>Team type</source>
            <translation>队伍类型</translation>
        </message>
        <message>
            <source>The records of this group cannot be listed.</source>
            <translation>无法列出该分组的记录。</translation>
        </message>
        <message>
            <source>The tile stays where it is: {why}</source>
            <translation>卡片位置未变：{why}</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>标题</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Urgency</source>
            <translation>紧急程度</translation>
        </message>
        <message>
            <source>Urgent</source>
            <translation>紧急</translation>
        </message>
        <message>
            <source>Vacancy</source>
            <translation>岗位</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>Veterans</source>
            <translation>退役军人</translation>
        </message>
        <message>
            <source>Visited on</source>
            <translation>走访日期</translation>
        </message>
        <message>
            <source>Visitors</source>
            <translation>走访人员</translation>
        </message>
        <message>
            <source>WeChat</source>
            <translation>微信</translation>
        </message>
        <message>
            <source>Wider</source>
            <translation>变宽</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>年份</translation>
        </message>
        <message>
            <source>Year before</source>
            <translation>上年</translation>
        </message>
        <message>
            <source>another tile is there</source>
            <translation>该位置已有卡片</translation>
        </message>
        <message>
            <source>app</source>
            <translation>移动应用</translation>
        </message>
        <message>
            <source>basically satisfied</source>
            <translation>基本满意</translation>
        </message>
        <message>
            <source>case study: over {figure}</source>
            <translation>案例：{figure}以上</translation>
        </message>
        <message>
            <source>in {month} on the month before</source>
            <translation>{month} 环比</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <source>not satisfied</source>
            <translation>不满意</translation>
        </message>
        <message>
            <source>on the month before</source>
            <translation>较上月</translation>
        </message>
        <message>
            <source>on the year before</source>
            <translation>较上年</translation>
        </message>
        <message>
            <source>other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>past the last column</source>
            <translation>超出最后一列</translation>
        </message>
        <message>
            <source>phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>satisfied</source>
            <translation>满意</translation>
        </message>
        <message>
            <source>target {target}</source>
            <translation>目标 {target}</translation>
        </message>
        <message>
            <source>target {target} (demo)</source>
            <translation>目标 {target}（演示）</translation>
        </message>
        <message>
            <source>web</source>
            <translation>网站</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>{first} to {last}</source>
            <translation>{first} 至 {last}</translation>
        </message>
        <message>
            <source>{shown} of {total} records</source>
            <translation>共 {total} 条记录，显示 {shown} 条</translation>
        </message>
    </context>
    <context>
        <name>Names</name>
        <message>
            <source>Accident and disaster</source>
            <translation>事故灾难</translation>
        </message>
        <message>
            <source>Administrator</source>
            <translation>系统管理员</translation>
        </message>
        <message>
            <source>Duty leader</source>
            <translation>带班领导</translation>
        </message>
        <message>
            <source>Duty officer</source>
            <translation>值班员</translation>
        </message>
        <message>
            <source>File content</source>
            <translation>文件内容</translation>
        </message>
        <message>
            <source>File name</source>
            <translation>文件名</translation>
        </message>
        <message>
            <source>Import a file</source>
            <translation>导入文件</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Level {level}</source>
            <translation>{level}级</translation>
        </message>
        <message>
            <source>Log in</source>
            <translation>登录</translation>
        </message>
        <message>
            <source>Log out</source>
            <translation>退出登录</translation>
        </message>
        <message>
            <source>Move an operator to a unit</source>
            <translation>调整操作员所属单位</translation>
        </message>
        <message>
            <source>Natural disaster</source>
            <translation>自然灾害</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>Public health</source>
            <translation>公共卫生事件</translation>
        </message>
        <message>
            <source>Social security</source>
            <translation>社会安全事件</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>用户名</translation>
        </message>
        <message>
            <source>Viewer</source>
            <translation>只读用户</translation>
        </message>
        <message>
            <source>system</source>
            <translation>系统</translation>
        </message>
        <message>
            <source>under a minute</source>
            <translation>不到 1 分钟</translation>
        </message>
        <message>
            <source>{d} d {h} h</source>
            <translation>{d} 天 {h} 小时</translation>
        </message>
        <message>
            <source>{h} h {m} min</source>
            <translation>{h} 小时 {m} 分</translation>
        </message>
        <message>
            <source>{m} min</source>
            <translation>{m} 分钟</translation>
        </message>
    </context>
    <context>
        <name>Notify</name>
        <message>
            <source>&amp;Acknowledge</source>
            <translation>确认(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>类别(&amp;K)</translation>
        </message>
        <message>
            <source>Acknowledge the selected notification (Enter)</source>
            <translation>确认所选通知（Enter）</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Notifications</source>
            <translation>通知</translation>
        </message>
        <message>
            <source>Silence the alarm sound</source>
            <translation>报警音消音</translation>
        </message>
        <message>
            <source>Stops the sound without acknowledging anything (Ctrl+M)</source>
            <translation>只停止声音，不确认任何报警（Ctrl+M）</translation>
        </message>
        <message>
            <source>acknowledged</source>
            <translation>已确认</translation>
        </message>
        <message>
            <source>alarm, {priority}</source>
            <translation>报警，{priority}</translation>
        </message>
        <message>
            <source>every kind</source>
            <translation>全部类别</translation>
        </message>
        <message>
            <source>information</source>
            <translation>信息</translation>
        </message>
        <message>
            <source>not acknowledged</source>
            <translation>未确认</translation>
        </message>
        <message>
            <source>warning</source>
            <translation>警告</translation>
        </message>
        <message>
            <source>warning, {priority}</source>
            <translation>警告，{priority}</translation>
        </message>
        <message>
            <source>{n} not acknowledged</source>
            <translation>{n} 条未确认</translation>
        </message>
        <message>
            <source>{title} ×{n}</source>
            <translation>{title}（{n} 条）</translation>
        </message>
    </context>
    <context>
        <name>Palette</name>
        <message>
            <source>Enter runs · Esc closes</source>
            <translation>回车执行 · Esc 关闭</translation>
        </message>
        <message>
            <source>Type a command — Chinese, pinyin initials or English</source>
            <translation>输入命令——中文、拼音首字母或英文</translation>
        </message>
        <message>
            <source>high</source>
            <translation>高</translation>
        </message>
        <message>
            <source>low</source>
            <translation>低</translation>
        </message>
        <message>
            <source>medium</source>
            <translation>中</translation>
        </message>
        <message>
            <source>stale</source>
            <translation>数据过期</translation>
        </message>
        <message>
            <source>urgent</source>
            <translation>紧急</translation>
        </message>
        <message>
            <source>{command} (not possible now)</source>
            <translation>{command}（当前不可用）</translation>
        </message>
    </context>
    <context>
        <name>Patrols</name>
        <message>
            <source>A failed re-check needs the reason.</source>
            <translation>复核未通过须填写原因。</translation>
        </message>
        <message>
            <source>Area</source>
            <translation>区域</translation>
        </message>
        <message>
            <source>Areas</source>
            <translation>负责区域</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>Checks</source>
            <translation>检查项</translation>
        </message>
        <message>
            <source>Checks done</source>
            <translation>已查项</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>描述</translation>
        </message>
        <message>
            <source>Ended</source>
            <translation>结束</translation>
        </message>
        <message>
            <source>Enforcement</source>
            <translation>执法</translation>
        </message>
        <message>
            <source>Filter members</source>
            <translation>筛选队员</translation>
        </message>
        <message>
            <source>Filter patrols</source>
            <translation>筛选巡查</translation>
        </message>
        <message>
            <source>Filter problems</source>
            <translation>筛选问题</translation>
        </message>
        <message>
            <source>Finish a patrol</source>
            <translation>结束巡查</translation>
        </message>
        <message>
            <source>Finish patrol</source>
            <translation>结束巡查</translation>
        </message>
        <message>
            <source>Finish the selected patrol</source>
            <translation>结束所选巡查</translation>
        </message>
        <message>
            <source>Found</source>
            <translation>发现时间</translation>
        </message>
        <message>
            <source>Fri</source>
            <translation>周五</translation>
        </message>
        <message>
            <source>Inspection</source>
            <translation>巡查</translation>
        </message>
        <message>
            <source>Last 30 days: {patrols} patrols with path points, {problems} problems found, {open} still open</source>
            <translation>近 30 天：{patrols} 次巡查（含轨迹点），发现问题 {problems} 个，{open} 个尚未处置</translation>
        </message>
        <message>
            <source>Latitude</source>
            <translation>纬度</translation>
        </message>
        <message>
            <source>Link a team member to an operator account</source>
            <translation>将队员关联到操作员账号</translation>
        </message>
        <message>
            <source>Link the selected member to an operator account…</source>
            <translation>将所选队员关联到操作员账号…</translation>
        </message>
        <message>
            <source>Link to operator</source>
            <translation>关联账号</translation>
        </message>
        <message>
            <source>Longitude</source>
            <translation>经度</translation>
        </message>
        <message>
            <source>Member</source>
            <translation>队员</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>队员</translation>
        </message>
        <message>
            <source>Mon</source>
            <translation>周一</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>No patrol out today yet: start one on a plan (Ctrl+N).</source>
            <translation>今天尚无巡查：选择计划开始巡查（Ctrl+N）。</translation>
        </message>
        <message>
            <source>No patrol team has members yet.</source>
            <translation>巡查队伍尚无队员。</translation>
        </message>
        <message>
            <source>No problem found on patrol this month.</source>
            <translation>本月巡查未发现问题。</translation>
        </message>
        <message>
            <source>No supervision patrol is out: start one first</source>
            <translation>没有正在进行的监督巡查：请先开始一次</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>编号</translation>
        </message>
        <message>
            <source>Only a duty leader links team members to operator accounts</source>
            <translation>只有带班领导可以关联队员与操作员账号</translation>
        </message>
        <message>
            <source>Only a handled case (resolved, verified or closed) is re-checked.</source>
            <translation>只有已处置（已办结、已核查或已结案）的案件可以复核。</translation>
        </message>
        <message>
            <source>Only a supervision patrol re-checks cases.</source>
            <translation>只有监督巡查可以复核案件。</translation>
        </message>
        <message>
            <source>Operator account</source>
            <translation>操作员账号</translation>
        </message>
        <message>
            <source>Operator account (username); Enter links the selected member</source>
            <translation>操作员账号（用户名）；回车关联所选队员</translation>
        </message>
        <message>
            <source>Passed</source>
            <translation>通过</translation>
        </message>
        <message>
            <source>Path points</source>
            <translation>轨迹点</translation>
        </message>
        <message>
            <source>Patrol</source>
            <translation>巡查</translation>
        </message>
        <message>
            <source>Patrol map</source>
            <translation>巡查地图</translation>
        </message>
        <message>
            <source>Patrol path (last 30 days)</source>
            <translation>巡查轨迹（近 30 天）</translation>
        </message>
        <message>
            <source>Patrol paths</source>
            <translation>巡查轨迹</translation>
        </message>
        <message>
            <source>Patrol plan</source>
            <translation>巡查计划</translation>
        </message>
        <message>
            <source>Patrol started: {plan}</source>
            <translation>巡查已开始：{plan}</translation>
        </message>
        <message>
            <source>Patrol {id} finished</source>
            <translation>巡查 {id} 已结束</translation>
        </message>
        <message>
            <source>Patrols</source>
            <translation>巡查</translation>
        </message>
        <message>
            <source>Patrols today</source>
            <translation>今日巡查</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Photo</source>
            <translation>照片</translation>
        </message>
        <message>
            <source>Plan</source>
            <translation>计划</translation>
        </message>
        <message>
            <source>Plans</source>
            <translation>巡查计划</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>优先级</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>问题</translation>
        </message>
        <message>
            <source>Problem found (title)</source>
            <translation>发现的问题（标题）</translation>
        </message>
        <message>
            <source>Problem found, handled</source>
            <translation>发现的问题，已处置</translation>
        </message>
        <message>
            <source>Problem found, open</source>
            <translation>发现的问题，未处置</translation>
        </message>
        <message>
            <source>Problem recorded, case opened</source>
            <translation>问题已登记，案件已立</translation>
        </message>
        <message>
            <source>Problems found</source>
            <translation>发现的问题</translation>
        </message>
        <message>
            <source>Problems found on patrol</source>
            <translation>巡查发现的问题</translation>
        </message>
        <message>
            <source>Re-check a handled case</source>
            <translation>复核已处置案件</translation>
        </message>
        <message>
            <source>Re-check failed: reopen</source>
            <translation>复核未通过：重新办理</translation>
        </message>
        <message>
            <source>Re-check failed: reopen the case</source>
            <translation>复核未通过：案件重新办理</translation>
        </message>
        <message>
            <source>Re-check of case #{case} recorded</source>
            <translation>案件 #{case} 的复核已记录</translation>
        </message>
        <message>
            <source>Re-check passed</source>
            <translation>复核通过</translation>
        </message>
        <message>
            <source>Reading the month's patrols…</source>
            <translation>正在读取本月巡查…</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Reason (needed when a re-check fails)</source>
            <translation>原因（复核未通过时必填）</translation>
        </message>
        <message>
            <source>Record a patrol's path point</source>
            <translation>记录巡查轨迹点</translation>
        </message>
        <message>
            <source>Record a problem found by the selected patrol</source>
            <translation>登记所选巡查发现的问题</translation>
        </message>
        <message>
            <source>Record a problem found on patrol</source>
            <translation>登记巡查发现的问题</translation>
        </message>
        <message>
            <source>Record problem</source>
            <translation>登记问题</translation>
        </message>
        <message>
            <source>Reopen case</source>
            <translation>重新办理案件</translation>
        </message>
        <message>
            <source>Reopen case #{case} “{title}”? Its owner must handle it again.</source>
            <translation>重新办理案件 #{case}“{title}”？承办单位须再次处置。</translation>
        </message>
        <message>
            <source>Reopen the case</source>
            <translation>重新办理</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>职务</translation>
        </message>
        <message>
            <source>Sat</source>
            <translation>周六</translation>
        </message>
        <message>
            <source>Schedule</source>
            <translation>时间安排</translation>
        </message>
        <message>
            <source>Select a member who has an operator account</source>
            <translation>请选择已关联操作员账号的队员</translation>
        </message>
        <message>
            <source>Select a patrol first</source>
            <translation>请先选择一次巡查</translation>
        </message>
        <message>
            <source>Select a plan first</source>
            <translation>请先选择一个计划</translation>
        </message>
        <message>
            <source>Select a problem first</source>
            <translation>请先选择一个问题</translation>
        </message>
        <message>
            <source>Select a team member first</source>
            <translation>请先选择队员</translation>
        </message>
        <message>
            <source>Start a patrol</source>
            <translation>开始巡查</translation>
        </message>
        <message>
            <source>Start a patrol on the selected plan</source>
            <translation>按所选计划开始巡查</translation>
        </message>
        <message>
            <source>Start on plan</source>
            <translation>按计划开始</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>开始</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Subdistrict office</source>
            <translation>街道办事处</translation>
        </message>
        <message>
            <source>Subdistricts</source>
            <translation>街道</translation>
        </message>
        <message>
            <source>Sun</source>
            <translation>周日</translation>
        </message>
        <message>
            <source>Supervision</source>
            <translation>监督</translation>
        </message>
        <message>
            <source>Team</source>
            <translation>队伍</translation>
        </message>
        <message>
            <source>Team members</source>
            <translation>队伍成员</translation>
        </message>
        <message>
            <source>Team name</source>
            <translation>队伍名称</translation>
        </message>
        <message>
            <source>Teams</source>
            <translation>巡查队伍</translation>
        </message>
        <message>
            <source>That patrol is not out: start it first.</source>
            <translation>该巡查未在进行：请先开始。</translation>
        </message>
        <message>
            <source>That place lies outside every area of the district.</source>
            <translation>该地点不在本区任何区域内。</translation>
        </message>
        <message>
            <source>The account “{operator}” is already another member's in this team. Unlink that first.</source>
            <translation>账号“{operator}”已关联本队其他队员，请先解除该关联。</translation>
        </message>
        <message>
            <source>The month's patrols could not be read: {why}</source>
            <translation>无法读取本月巡查：{why}</translation>
        </message>
        <message>
            <source>The team has no member “{member}” (any more?). Nothing was changed.</source>
            <translation>该队伍没有队员“{member}”（可能已调离），未作任何更改。</translation>
        </message>
        <message>
            <source>There is no operator account “{operator}”. Nothing was changed.</source>
            <translation>不存在操作员账号“{operator}”，未作任何更改。</translation>
        </message>
        <message>
            <source>There is no such patrol team.</source>
            <translation>没有这支巡查队伍。</translation>
        </message>
        <message>
            <source>This member has no operator account</source>
            <translation>该队员未关联操作员账号</translation>
        </message>
        <message>
            <source>This patrol has sent no position yet</source>
            <translation>该巡查尚未上报位置</translation>
        </message>
        <message>
            <source>Thu</source>
            <translation>周四</translation>
        </message>
        <message>
            <source>Tue</source>
            <translation>周二</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Type the operator account first</source>
            <translation>请先输入操作员账号</translation>
        </message>
        <message>
            <source>Unlink</source>
            <translation>解除关联</translation>
        </message>
        <message>
            <source>Unlink a team member from their operator account</source>
            <translation>解除队员与操作员账号的关联</translation>
        </message>
        <message>
            <source>Unlink operator account</source>
            <translation>解除账号关联</translation>
        </message>
        <message>
            <source>Unlink the selected member from their operator account…</source>
            <translation>解除所选队员的账号关联…</translation>
        </message>
        <message>
            <source>Unlink {member} ({team}) from the account {operator}? Patrols they start under it will no longer name them.</source>
            <translation>解除{member}（{team}）与账号{operator}的关联？此后用该账号发起的巡查将不再记名该队员。</translation>
        </message>
        <message>
            <source>Unlink…</source>
            <translation>解除关联…</translation>
        </message>
        <message>
            <source>Wed</source>
            <translation>周三</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>位置</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>巡查人</translation>
        </message>
        <message>
            <source>closed unhandled</source>
            <translation>未处置结束</translation>
        </message>
        <message>
            <source>finished</source>
            <translation>已结束</translation>
        </message>
        <message>
            <source>handled</source>
            <translation>已处置</translation>
        </message>
        <message>
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <source>open</source>
            <translation>未处置</translation>
        </message>
        <message>
            <source>out now</source>
            <translation>巡查中</translation>
        </message>
        <message>
            <source>{days} {start}, {minutes} min</source>
            <translation>{days} {start}，{minutes} 分钟</translation>
        </message>
        <message>
            <source>{member} has no operator account to unlink.</source>
            <translation>{member}未关联操作员账号，无需解除。</translation>
        </message>
        <message>
            <source>{member} is linked to the account {operator}</source>
            <translation>{member}已关联账号{operator}</translation>
        </message>
        <message>
            <source>{member} is no longer linked to an operator account</source>
            <translation>{member}已解除操作员账号关联</translation>
        </message>
    </context>
    <context>
        <name>People</name>
        <message>
            <source> (the first {n}: narrow by category)</source>
            <translation>（仅显示前 {n} 条：请按类别筛选）</translation>
        </message>
        <message>
            <source> (the first {n}: narrow the search)</source>
            <translation>（仅前 {n} 条：请缩小搜索范围）</translation>
        </message>
        <message>
            <source> and </source>
            <translation>且</translation>
        </message>
        <message>
            <source> or </source>
            <translation>或</translation>
        </message>
        <message>
            <source>A visit is already planned for this</source>
            <translation>已为此安排走访</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>年龄</translation>
        </message>
        <message>
            <source>All hits</source>
            <translation>全部</translation>
        </message>
        <message>
            <source>Answers</source>
            <translation>填写项</translation>
        </message>
        <message>
            <source>Any tag</source>
            <translation>任意标签</translation>
        </message>
        <message>
            <source>Any urgency</source>
            <translation>任意紧急程度</translation>
        </message>
        <message>
            <source>Because</source>
            <translation>依据</translation>
        </message>
        <message>
            <source>Benefits</source>
            <translation>享受待遇</translation>
        </message>
        <message>
            <source>Benefits not received (应享未享)</source>
            <translation>应享未享</translation>
        </message>
        <message>
            <source>Business line</source>
            <translation>条线</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Check the sources first</source>
            <translation>先核对数据来源</translation>
        </message>
        <message>
            <source>Civil affairs</source>
            <translation>民政</translation>
        </message>
        <message>
            <source>Committee</source>
            <translation>居委会</translation>
        </message>
        <message>
            <source>Compound</source>
            <translation>小区</translation>
        </message>
        <message>
            <source>Conflict</source>
            <translation>冲突</translation>
        </message>
        <message>
            <source>Conflicts between sources</source>
            <translation>数据源冲突</translation>
        </message>
        <message>
            <source>Disability</source>
            <translation>残疾人</translation>
        </message>
        <message>
            <source>Disability federation</source>
            <translation>残联</translation>
        </message>
        <message>
            <source>Education</source>
            <translation>教育</translation>
        </message>
        <message>
            <source>Elderly care</source>
            <translation>养老</translation>
        </message>
        <message>
            <source>Employment</source>
            <translation>就业</translation>
        </message>
        <message>
            <source>Every category</source>
            <translation>全部类别</translation>
        </message>
        <message>
            <source>Export (masked)…</source>
            <translation>导出（脱敏）…</translation>
        </message>
        <message>
            <source>Export a business line's ledger</source>
            <translation>导出条线台账</translation>
        </message>
        <message>
            <source>Export a ledger (masked)</source>
            <translation>导出台账（已脱敏）</translation>
        </message>
        <message>
            <source>Export ledger…</source>
            <translation>导出台账…</translation>
        </message>
        <message>
            <source>Export residents</source>
            <translation>导出居民</translation>
        </message>
        <message>
            <source>Export residents (masked)</source>
            <translation>导出居民（脱敏）</translation>
        </message>
        <message>
            <source>Exported, masked; the export is in the audit log</source>
            <translation>已导出（脱敏），本次导出已记入审计日志</translation>
        </message>
        <message>
            <source>Found</source>
            <translation>发现时间</translation>
        </message>
        <message>
            <source>Go to the visit form</source>
            <translation>转到走访表</translation>
        </message>
        <message>
            <source>Grant (no visit needed)</source>
            <translation>直接发放（免走访）</translation>
        </message>
        <message>
            <source>Grant a no-visit benefit</source>
            <translation>发放免走访待遇</translation>
        </message>
        <message>
            <source>Grant the selected hit's benefit (no-visit services)</source>
            <translation>为所选对象直接发放待遇（免申即享）</translation>
        </message>
        <message>
            <source>Health</source>
            <translation>健康状况</translation>
        </message>
        <message>
            <source>Health commission</source>
            <translation>卫健委</translation>
        </message>
        <message>
            <source>Housing</source>
            <translation>住房</translation>
        </message>
        <message>
            <source>Human resources</source>
            <translation>人社</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>身份证号</translation>
        </message>
        <message>
            <source>Its outcome is recorded already</source>
            <translation>走访结果已登记</translation>
        </message>
        <message>
            <source>Ledger cells it replaces</source>
            <translation>替代台账填写项</translation>
        </message>
        <message>
            <source>Ledger exported, masked; the export is in the audit log</source>
            <translation>台账已导出（已脱敏），导出已记入审计日志</translation>
        </message>
        <message>
            <source>Ledger of</source>
            <translation>台账单位</translation>
        </message>
        <message>
            <source>Listed by</source>
            <translation>登记来源</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Name, or the start of an ID number (Enter searches)</source>
            <translation>姓名，或身份证号开头（回车搜索）</translation>
        </message>
        <message>
            <source>Nobody in your unit misses a benefit they qualify for.</source>
            <translation>本单位没有应享未享的居民。</translation>
        </message>
        <message>
            <source>One criterion short</source>
            <translation>差一项条件</translation>
        </message>
        <message>
            <source>Only a duty leader may reveal a resident's ID number, phone and health</source>
            <translation>仅值班长可查看居民的完整身份证号、电话和健康状况</translation>
        </message>
        <message>
            <source>Open a resident</source>
            <translation>打开居民档案</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>走访结果</translation>
        </message>
        <message>
            <source>Outcome recorded</source>
            <translation>走访结果已登记</translation>
        </message>
        <message>
            <source>People services</source>
            <translation>民生服务</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Pick the unit whose ledger to export</source>
            <translation>请选择要导出台账的单位</translation>
        </message>
        <message>
            <source>Plan a visit</source>
            <translation>安排走访</translation>
        </message>
        <message>
            <source>Plan a visit first; its outcome is recorded once</source>
            <translation>请先安排走访；结果只登记一次</translation>
        </message>
        <message>
            <source>Plan a visit for the selected hit</source>
            <translation>为所选居民安排走访</translation>
        </message>
        <message>
            <source>Policy</source>
            <translation>政策</translation>
        </message>
        <message>
            <source>Qualifies, receives nothing</source>
            <translation>符合条件但未享受</translation>
        </message>
        <message>
            <source>Ready to visit</source>
            <translation>可上门</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>事由</translation>
        </message>
        <message>
            <source>Receives</source>
            <translation>已享受</translation>
        </message>
        <message>
            <source>Record a resident visit</source>
            <translation>记录居民走访</translation>
        </message>
        <message>
            <source>Record the outcome</source>
            <translation>登记结果</translation>
        </message>
        <message>
            <source>Record the selected visit's outcome</source>
            <translation>登记所选走访的结果</translation>
        </message>
        <message>
            <source>Refresh the list</source>
            <translation>刷新列表</translation>
        </message>
        <message>
            <source>Resident</source>
            <translation>居民</translation>
        </message>
        <message>
            <source>Resident visits</source>
            <translation>居民走访</translation>
        </message>
        <message>
            <source>Residents</source>
            <translation>居民</translation>
        </message>
        <message>
            <source>Resolve each at the source that is wrong; the next import clears it.</source>
            <translation>请在出错的数据源处逐条更正；下次导入后冲突自动消除。</translation>
        </message>
        <message>
            <source>Reveal</source>
            <translation>查看明文</translation>
        </message>
        <message>
            <source>Reveal a resident's ID number, phone and health</source>
            <translation>查看居民完整身份证号、电话和健康状况</translation>
        </message>
        <message>
            <source>Reveal the selected resident's ID number, phone and health</source>
            <translation>查看所选居民的完整身份证号、电话和健康状况</translation>
        </message>
        <message>
            <source>Revealed for this request only; kept in the reveal log.</source>
            <translation>仅本次查看显示明文，已记入查看日志。</translation>
        </message>
        <message>
            <source>Save the visit (Ctrl+S)</source>
            <translation>保存走访（Ctrl+S）</translation>
        </message>
        <message>
            <source>Say why they are not eligible</source>
            <translation>请说明不符合条件的原因</translation>
        </message>
        <message>
            <source>Say why, in four characters or more</source>
            <translation>请填写事由（至少四个字）</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>搜索</translation>
        </message>
        <message>
            <source>Search conflicts…</source>
            <translation>搜索冲突…</translation>
        </message>
        <message>
            <source>Search residents</source>
            <translation>搜索居民</translation>
        </message>
        <message>
            <source>Search visits…</source>
            <translation>搜索走访记录…</translation>
        </message>
        <message>
            <source>Select a hit first</source>
            <translation>请先选择一条</translation>
        </message>
        <message>
            <source>Select a resident first</source>
            <translation>请先选择居民</translation>
        </message>
        <message>
            <source>Select a resident to visit</source>
            <translation>选择要走访的居民</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>性别</translation>
        </message>
        <message>
            <source>Social relief</source>
            <translation>社会救助</translation>
        </message>
        <message>
            <source>Sources disagree</source>
            <translation>数据源不一致</translation>
        </message>
        <message>
            <source>Tag</source>
            <translation>标签</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>标签</translation>
        </message>
        <message>
            <source>Tags after the visit</source>
            <translation>走访后标签</translation>
        </message>
        <message>
            <source>That benefit ended today: grant it tomorrow</source>
            <translation>该待遇今天刚终止：请明天再发放</translation>
        </message>
        <message>
            <source>The sources agree: no conflict to resolve.</source>
            <translation>各数据源一致，没有需要处理的冲突。</translation>
        </message>
        <message>
            <source>The sources disagree about this resident: check them before granting</source>
            <translation>各来源对该居民的记录不一致：请先核对再发放</translation>
        </message>
        <message>
            <source>They no longer qualify, or receive it already</source>
            <translation>已不符合条件，或已享受</translation>
        </message>
        <message>
            <source>This policy needs an outreach visit: plan one</source>
            <translation>该政策需要上门走访：请安排走访</translation>
        </message>
        <message>
            <source>This resident is recorded as deceased</source>
            <translation>该居民已登记死亡</translation>
        </message>
        <message>
            <source>Type a name or pick a tag, then Enter.</source>
            <translation>输入姓名或选择标签，然后按回车。</translation>
        </message>
        <message>
            <source>Type a name, then Enter.</source>
            <translation>输入姓名后按回车。</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Urgency</source>
            <translation>紧急程度</translation>
        </message>
        <message>
            <source>Veterans</source>
            <translation>退役军人</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>走访</translation>
        </message>
        <message>
            <source>Visit planned for the committee</source>
            <translation>已为居委会安排走访</translation>
        </message>
        <message>
            <source>Visited on</source>
            <translation>走访日期</translation>
        </message>
        <message>
            <source>Visitor</source>
            <translation>走访人</translation>
        </message>
        <message>
            <source>Visits of the last four months</source>
            <translation>近四个月走访</translation>
        </message>
        <message>
            <source>What each source says</source>
            <translation>各数据源记载</translation>
        </message>
        <message>
            <source>What the visit found (Enter records)</source>
            <translation>走访发现的情况（回车登记）</translation>
        </message>
        <message>
            <source>Why you need the full ID number, phone and health (Enter reveals)</source>
            <translation>查看完整身份证号、电话和健康状况的事由（回车查看）</translation>
        </message>
        <message>
            <source>You have recorded the most visits one staff member may record for that day</source>
            <translation>您当天记录的走访已达每名工作人员每天的上限</translation>
        </message>
        <message>
            <source>a chronic condition is recorded</source>
            <translation>登记有慢性病</translation>
        </message>
        <message>
            <source>a health condition is recorded (masked)</source>
            <translation>有健康记录（已隐藏）</translation>
        </message>
        <message>
            <source>a veteran</source>
            <translation>退役军人</translation>
        </message>
        <message>
            <source>age</source>
            <translation>年龄</translation>
        </message>
        <message>
            <source>aged 16 to 59</source>
            <translation>16至59岁</translation>
        </message>
        <message>
            <source>aged 60 or over</source>
            <translation>年满60岁</translation>
        </message>
        <message>
            <source>aged 80 or over</source>
            <translation>年满80岁</translation>
        </message>
        <message>
            <source>alive</source>
            <translation>在世</translation>
        </message>
        <message>
            <source>another province</source>
            <translation>外省市户籍</translation>
        </message>
        <message>
            <source>applied</source>
            <translation>已申请</translation>
        </message>
        <message>
            <source>benefits</source>
            <translation>享受待遇</translation>
        </message>
        <message>
            <source>carries {tag}</source>
            <translation>具有标签“{tag}”</translation>
        </message>
        <message>
            <source>check the sources first</source>
            <translation>先核对来源</translation>
        </message>
        <message>
            <source>dead in one source, alive in another</source>
            <translation>一处已死亡、另一处仍在册</translation>
        </message>
        <message>
            <source>deceased</source>
            <translation>已故</translation>
        </message>
        <message>
            <source>declined</source>
            <translation>本人谢绝</translation>
        </message>
        <message>
            <source>different compounds</source>
            <translation>小区不一致</translation>
        </message>
        <message>
            <source>different names</source>
            <translation>姓名不一致</translation>
        </message>
        <message>
            <source>disability</source>
            <translation>残疾类别</translation>
        </message>
        <message>
            <source>disability grade</source>
            <translation>残疾等级</translation>
        </message>
        <message>
            <source>disability of grade 1 or 2</source>
            <translation>残疾等级一级或二级</translation>
        </message>
        <message>
            <source>employed</source>
            <translation>就业</translation>
        </message>
        <message>
            <source>employment</source>
            <translation>就业状态</translation>
        </message>
        <message>
            <source>empty</source>
            <translation>空</translation>
        </message>
        <message>
            <source>enrolled</source>
            <translation>已纳入</translation>
        </message>
        <message>
            <source>female</source>
            <translation>女</translation>
        </message>
        <message>
            <source>follow up</source>
            <translation>需跟进</translation>
        </message>
        <message>
            <source>health</source>
            <translation>健康状况</translation>
        </message>
        <message>
            <source>hearing</source>
            <translation>听力残疾</translation>
        </message>
        <message>
            <source>high</source>
            <translation>高</translation>
        </message>
        <message>
            <source>holds a disability certificate</source>
            <translation>持有残疾人证</translation>
        </message>
        <message>
            <source>household registration</source>
            <translation>户籍</translation>
        </message>
        <message>
            <source>income band</source>
            <translation>收入档次</translation>
        </message>
        <message>
            <source>intellectual</source>
            <translation>智力残疾</translation>
        </message>
        <message>
            <source>listed twice (two ID numbers)</source>
            <translation>重复登记（两个身份证号）</translation>
        </message>
        <message>
            <source>lives alone</source>
            <translation>独居</translation>
        </message>
        <message>
            <source>local (Shanghai)</source>
            <translation>本市户籍</translation>
        </message>
        <message>
            <source>low</source>
            <translation>低</translation>
        </message>
        <message>
            <source>low income</source>
            <translation>低收入</translation>
        </message>
        <message>
            <source>lower middle</source>
            <translation>中低</translation>
        </message>
        <message>
            <source>male</source>
            <translation>男</translation>
        </message>
        <message>
            <source>medium</source>
            <translation>中</translation>
        </message>
        <message>
            <source>mental</source>
            <translation>精神残疾</translation>
        </message>
        <message>
            <source>middle</source>
            <translation>中等</translation>
        </message>
        <message>
            <source>multiple</source>
            <translation>多重残疾</translation>
        </message>
        <message>
            <source>no {programme} on record</source>
            <translation>无{programme}记录</translation>
        </message>
        <message>
            <source>not eligible</source>
            <translation>不符合条件</translation>
        </message>
        <message>
            <source>not working</source>
            <translation>无业</translation>
        </message>
        <message>
            <source>not {criterion}</source>
            <translation>非：{criterion}</translation>
        </message>
        <message>
            <source>physical</source>
            <translation>肢体残疾</translation>
        </message>
        <message>
            <source>receives {programme}</source>
            <translation>享受{programme}</translation>
        </message>
        <message>
            <source>registered elsewhere</source>
            <translation>人户分离</translation>
        </message>
        <message>
            <source>retired</source>
            <translation>退休</translation>
        </message>
        <message>
            <source>sex</source>
            <translation>性别</translation>
        </message>
        <message>
            <source>short of: {missing}</source>
            <translation>尚缺：{missing}</translation>
        </message>
        <message>
            <source>speech</source>
            <translation>言语残疾</translation>
        </message>
        <message>
            <source>student</source>
            <translation>在校</translation>
        </message>
        <message>
            <source>unemployed</source>
            <translation>失业</translation>
        </message>
        <message>
            <source>unreachable</source>
            <translation>联系不上</translation>
        </message>
        <message>
            <source>vision</source>
            <translation>视力残疾</translation>
        </message>
        <message>
            <source>{attribute} not {values}</source>
            <translation>{attribute}不是{values}</translation>
        </message>
        <message>
            <source>{attribute} not {value}</source>
            <translation>{attribute}不是{value}</translation>
        </message>
        <message>
            <source>{attribute} {low} to {high}</source>
            <translation>{attribute}{low}至{high}</translation>
        </message>
        <message>
            <source>{attribute}: {values}</source>
            <translation>{attribute}：{values}</translation>
        </message>
        <message>
            <source>{attribute}: {value}</source>
            <translation>{attribute}：{value}</translation>
        </message>
        <message>
            <source>{name}: visit recorded; tags now {tags}</source>
            <translation>{name}：走访已记录，当前标签 {tags}</translation>
        </message>
        <message>
            <source>{n} resident misses a benefit they qualify for</source>
            <translation>{n} 条应享未享</translation>
        </message>
        <message>
            <source>{n} residents found</source>
            <translation>找到 {n} 位居民</translation>
        </message>
        <message>
            <source>{n} residents miss a benefit they qualify for</source>
            <translation>{n} 条应享未享</translation>
        </message>
        <message>
            <source>{policy} granted to {name}, no visit</source>
            <translation>已为{name}发放{policy}，无需走访</translation>
        </message>
        <message>
            <source>{policy}: {record}; data of {day}</source>
            <translation>{policy}：{record}；数据日期 {day}</translation>
        </message>
        <message>
            <source>{programme} ended on {day}</source>
            <translation>{programme}已于 {day} 终止</translation>
        </message>
        <message>
            <source>{sex}, {age} · {committee}</source>
            <translation>{sex}，{age} 岁 · {committee}</translation>
        </message>
        <message>
            <source>{sex}, {age} · {compound}, {committee}</source>
            <translation>{sex}，{age} 岁 · {compound}，{committee}</translation>
        </message>
        <message>
            <source>{tag}: because {reasons}</source>
            <translation>{tag}：依据 {reasons}</translation>
        </message>
    </context>
    <context>
        <name>Plans</name>
        <message>
            <source>Activate</source>
            <translation>启动</translation>
        </message>
        <message>
            <source>Activate a plan</source>
            <translation>启动预案</translation>
        </message>
        <message>
            <source>Activate the selected plan</source>
            <translation>启动所选预案</translation>
        </message>
        <message>
            <source>Active responses</source>
            <translation>进行中的应急响应</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Command structure</source>
            <translation>指挥体系</translation>
        </message>
        <message>
            <source>DRILL</source>
            <translation>演练</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部门预案</translation>
        </message>
        <message>
            <source>Drill</source>
            <translation>演练</translation>
        </message>
        <message>
            <source>Drill (an exercise: nothing real is reserved)</source>
            <translation>演练（不预留真实物资）</translation>
        </message>
        <message>
            <source>Drill task overdue</source>
            <translation>演练任务超时</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>时限</translation>
        </message>
        <message>
            <source>Emergency plans</source>
            <translation>应急预案</translation>
        </message>
        <message>
            <source>Grassroots</source>
            <translation>基层预案</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>级别</translation>
        </message>
        <message>
            <source>Mark a response task done</source>
            <translation>标记响应任务完成</translation>
        </message>
        <message>
            <source>Mark the selected task done</source>
            <translation>将所选任务标记为完成</translation>
        </message>
        <message>
            <source>No active response: no emergency plan has been started.</source>
            <translation>当前无进行中的响应：尚未启动任何应急预案。</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>OVERDUE</source>
            <translation>超时</translation>
        </message>
        <message>
            <source>Overall</source>
            <translation>总体预案</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>责任单位</translation>
        </message>
        <message>
            <source>Plan</source>
            <translation>预案</translation>
        </message>
        <message>
            <source>Plan library</source>
            <translation>预案库</translation>
        </message>
        <message>
            <source>Raise a response's level</source>
            <translation>提升响应级别</translation>
        </message>
        <message>
            <source>Raise level</source>
            <translation>提升级别</translation>
        </message>
        <message>
            <source>Raise the response's level</source>
            <translation>提高响应级别</translation>
        </message>
        <message>
            <source>Resources</source>
            <translation>所需资源</translation>
        </message>
        <message>
            <source>Response</source>
            <translation>响应</translation>
        </message>
        <message>
            <source>Response task overdue</source>
            <translation>响应任务超时</translation>
        </message>
        <message>
            <source>Responses</source>
            <translation>应急响应</translation>
        </message>
        <message>
            <source>Search plans…</source>
            <translation>搜索预案…</translation>
        </message>
        <message>
            <source>Select a plan first</source>
            <translation>请先选择一个预案</translation>
        </message>
        <message>
            <source>Select a plan to read it here.</source>
            <translation>选择一个预案，在此阅读全文。</translation>
        </message>
        <message>
            <source>Select a task first</source>
            <translation>请先选择一项任务</translation>
        </message>
        <message>
            <source>Source reference</source>
            <translation>来源编号</translation>
        </message>
        <message>
            <source>Special</source>
            <translation>专项预案</translation>
        </message>
        <message>
            <source>Stand a response down</source>
            <translation>终止响应</translation>
        </message>
        <message>
            <source>Stand down</source>
            <translation>终止响应</translation>
        </message>
        <message>
            <source>Stand down {response}? Its open tasks end and what it reserved is released.</source>
            <translation>终止 {response}？未完成的任务将结束，预留的物资将释放。</translation>
        </message>
        <message>
            <source>Stand the response down</source>
            <translation>终止响应</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Task</source>
            <translation>任务</translation>
        </message>
        <message>
            <source>Task done</source>
            <translation>任务完成</translation>
        </message>
        <message>
            <source>Task done: {task}</source>
            <translation>任务完成：{task}</translation>
        </message>
        <message>
            <source>Template</source>
            <translation>模板</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>版本</translation>
        </message>
        <message>
            <source>activated {time} by {who}</source>
            <translation>{who} 于 {time} 启动</translation>
        </message>
        <message>
            <source>done</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>open</source>
            <translation>待办</translation>
        </message>
        <message>
            <source>overdue</source>
            <translation>超时</translation>
        </message>
        <message>
            <source>response</source>
            <translation>应急响应</translation>
        </message>
        <message>
            <source>task</source>
            <translation>任务</translation>
        </message>
        <message>
            <source>{done} of {n} tasks done · {late} overdue</source>
            <translation>已完成 {done}/{n} 项 · 超时 {late} 项</translation>
        </message>
        <message>
            <source>{n} drill tasks overdue</source>
            <translation>{n} 项演练任务超时</translation>
        </message>
        <message>
            <source>{n} overdue</source>
            <translation>{n} 项超时</translation>
        </message>
        <message>
            <source>{n} response tasks overdue</source>
            <translation>{n} 项响应任务超时</translation>
        </message>
        <message>
            <source>{plan} activated at {level}: see Responses</source>
            <translation>{plan} 已按{level}启动：见“应急响应”</translation>
        </message>
        <message>
            <source>{response} stood down: the summary is kept with it</source>
            <translation>{response} 已终止：总结随响应保存</translation>
        </message>
        <message>
            <source>{response}: level raised, the new actions are in the list</source>
            <translation>{response}：级别已提高，新措施已列出</translation>
        </message>
    </context>
    <context>
        <name>Sender</name>
        <message>
            <source>Dismiss (Esc)</source>
            <translation>关闭（Esc）</translation>
        </message>
        <message>
            <source>No answer from the daemon in time: check whether it was done before trying again.</source>
            <translation>服务端未及时应答：请先确认是否已完成，再重试。</translation>
        </message>
        <message>
            <source>No connection to the daemon: nothing was sent.</source>
            <translation>与服务端无连接：未发送任何内容。</translation>
        </message>
        <message>
            <source>Not logged in: log in first (Ctrl+L).</source>
            <translation>未登录：请先登录（Ctrl+L）。</translation>
        </message>
        <message>
            <source>Outside your unit: another unit's desk handles this. Nothing was changed.</source>
            <translation>不在本单位范围内：由其他单位的席位处理。未做任何更改。</translation>
        </message>
        <message>
            <source>Refused: this cannot be done now. Nothing was changed.</source>
            <translation>被拒绝：现在不能执行此操作，未做任何更改。</translation>
        </message>
        <message>
            <source>Some of what was entered is not valid.</source>
            <translation>部分输入内容无效。</translation>
        </message>
        <message>
            <source>The daemon could not do this. Nothing was changed.</source>
            <translation>服务端未能完成此操作，未做任何更改。</translation>
        </message>
        <message>
            <source>The daemon did not understand this desk (a different version?).</source>
            <translation>服务端无法识别本席位的请求（版本不同？）。</translation>
        </message>
        <message>
            <source>The daemon does not offer this (a different version?).</source>
            <translation>服务端不提供此功能（版本不同？）。</translation>
        </message>
        <message>
            <source>This module is switched off on the daemon.</source>
            <translation>此模块已在服务端停用。</translation>
        </message>
        <message>
            <source>Too much at once: send less.</source>
            <translation>一次提交的内容过多，请减少后重试。</translation>
        </message>
        <message>
            <source>Your role may not do this.</source>
            <translation>您的角色无权执行此操作。</translation>
        </message>
        <message>
            <source>{field}: must be a number</source>
            <translation>{field}：必须是数字</translation>
        </message>
        <message>
            <source>{field}: must be filled in</source>
            <translation>{field}：必须填写</translation>
        </message>
        <message>
            <source>{field}: must be text</source>
            <translation>{field}：必须是文字</translation>
        </message>
        <message>
            <source>{field}: not expected here</source>
            <translation>{field}：此处不应填写</translation>
        </message>
        <message>
            <source>{field}: not one of the allowed values</source>
            <translation>{field}：不是允许的取值</translation>
        </message>
        <message>
            <source>{field}: not valid</source>
            <translation>{field}：无效</translation>
        </message>
    </context>
    <context>
        <name>Sensors</name>
        <message>
            <source> min</source>
            <translation> 分钟</translation>
        </message>
        <message>
            <source>A group acknowledgement names at most {most} alarms.</source>
            <translation>一次分组确认最多 {most} 条报警。</translation>
        </message>
        <message>
            <source>A group is one compound's alarms of one condition.</source>
            <translation>一组报警只能是同一小区、同一报警类型的报警。</translation>
        </message>
        <message>
            <source>A high or urgent alarm is acknowledged with a comment: write what was found or done.</source>
            <translation>高、紧急报警须填写确认意见：写明核实情况或处置措施。</translation>
        </message>
        <message>
            <source>ALARM FLOOD</source>
            <translation>报警泛滥</translation>
        </message>
        <message>
            <source>Acknowledge</source>
            <translation>确认</translation>
        </message>
        <message>
            <source>Acknowledge a group</source>
            <translation>确认一组报警</translation>
        </message>
        <message>
            <source>Acknowledge a group of alarms</source>
            <translation>成组确认报警</translation>
        </message>
        <message>
            <source>Acknowledge an alarm</source>
            <translation>确认报警</translation>
        </message>
        <message>
            <source>Acknowledge the selected alarm or group</source>
            <translation>确认所选报警或报警组</translation>
        </message>
        <message>
            <source>Acknowledge them</source>
            <translation>全部确认</translation>
        </message>
        <message>
            <source>Acknowledge {n} {condition} alarm(s) of {compound}?</source>
            <translation>确认{compound}的 {n} 条{condition}报警？</translation>
        </message>
        <message>
            <source>Acknowledged</source>
            <translation>已确认</translation>
        </message>
        <message>
            <source>Acknowledged {n} alarm(s)</source>
            <translation>已确认 {n} 条报警</translation>
        </message>
        <message>
            <source>Acknowledged, cleared</source>
            <translation>已确认，报警清除</translation>
        </message>
        <message>
            <source>Alarm</source>
            <translation>报警</translation>
        </message>
        <message>
            <source>Alarm raised</source>
            <translation>报警产生</translation>
        </message>
        <message>
            <source>Alarm raised, device out of service</source>
            <translation>报警产生（设备已停用）</translation>
        </message>
        <message>
            <source>Alarm raised, suppressed (maintenance)</source>
            <translation>报警产生（维护中，已抑制）</translation>
        </message>
        <message>
            <source>Alarm {alarm} on {device} still on {minutes:g} min after {by} acknowledged it: unacknowledged again</source>
            <translation>告警 {alarm}（设备 {device}）经 {by} 确认 {minutes:g} 分钟后仍未恢复：重新变为未确认</translation>
        </message>
        <message>
            <source>Alarms</source>
            <translation>报警</translation>
        </message>
        <message>
            <source>All: {what}</source>
            <translation>全部{what}</translation>
        </message>
        <message>
            <source>Back from the shelf</source>
            <translation>搁置到期，重新显示</translation>
        </message>
        <message>
            <source>Back to normal</source>
            <translation>恢复正常</translation>
        </message>
        <message>
            <source>Back to normal, cleared</source>
            <translation>恢复正常，报警清除</translation>
        </message>
        <message>
            <source>Bad actors (last day)</source>
            <translation>频繁报警设备（近一天）</translation>
        </message>
        <message>
            <source>Battery %</source>
            <translation>电量 %</translation>
        </message>
        <message>
            <source>Building</source>
            <translation>楼栋</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>Claim</source>
            <translation>认领</translation>
        </message>
        <message>
            <source>Claim an alarm</source>
            <translation>认领报警</translation>
        </message>
        <message>
            <source>Claim the selected alarm</source>
            <translation>认领所选报警</translation>
        </message>
        <message>
            <source>Claimed</source>
            <translation>认领</translation>
        </message>
        <message>
            <source>Claimed by {who}: they act on it, or a duty leader breaks the claim.</source>
            <translation>已被 {who} 认领：由其处置，或由带班领导解除认领。</translation>
        </message>
        <message>
            <source>Claimed: it is yours for 30 minutes</source>
            <translation>已认领：30 分钟内由您处置</translation>
        </message>
        <message>
            <source>Cleared: case resolved</source>
            <translation>报警清除：案件已办结</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Comment</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Comment (needed for high and urgent), or why it is shelved</source>
            <translation>确认意见（高、紧急报警必填），或搁置原因</translation>
        </message>
        <message>
            <source>Compound</source>
            <translation>小区</translation>
        </message>
        <message>
            <source>Compound, no alarm</source>
            <translation>小区（无告警）</translation>
        </message>
        <message>
            <source>Compound: colour of its worst alarm</source>
            <translation>小区：颜色为其最高级告警</translation>
        </message>
        <message>
            <source>Compounds</source>
            <translation>小区</translation>
        </message>
        <message>
            <source>Compounds (alarms with the property company are theirs)</source>
            <translation>各小区（物业处置中的报警由物业负责）</translation>
        </message>
        <message>
            <source>Condition</source>
            <translation>报警条件</translation>
        </message>
        <message>
            <source>Count</source>
            <translation>次数</translation>
        </message>
        <message>
            <source>Device</source>
            <translation>设备</translation>
        </message>
        <message>
            <source>Device in alarm: colour of its priority</source>
            <translation>告警设备：颜色为告警级别</translation>
        </message>
        <message>
            <source>Device maintenance</source>
            <translation>设备运维</translation>
        </message>
        <message>
            <source>Device taken out of service</source>
            <translation>设备停用</translation>
        </message>
        <message>
            <source>Device wall</source>
            <translation>设备墙</translation>
        </message>
        <message>
            <source>Device wall (big screen)</source>
            <translation>设备墙（大屏）</translation>
        </message>
        <message>
            <source>Devices</source>
            <translation>设备</translation>
        </message>
        <message>
            <source>Devices in alarm</source>
            <translation>报警设备</translation>
        </message>
        <message>
            <source>Devices on the map</source>
            <translation>设备地图</translation>
        </message>
        <message>
            <source>District</source>
            <translation>辖区</translation>
        </message>
        <message>
            <source>District alarms</source>
            <translation>区级报警</translation>
        </message>
        <message>
            <source>District alarms 24 h</source>
            <translation>24 小时区级报警</translation>
        </message>
        <message>
            <source>District alarms in 24 h</source>
            <translation>24 小时区级报警</translation>
        </message>
        <message>
            <source>District alarms in the last 10 min: {n} · per operator ({ops} on duty): {rate} — {level} (EEMUA 191: about 1 is manageable, over 10 a flood)</source>
            <translation>10分钟内区级报警 {n} 条 · 人均 {rate} 条（值班员 {ops} 人）— {level}（EEMUA 191：约1条可处理，超过10条为泛滥）</translation>
        </message>
        <message>
            <source>Fault or low alarm</source>
            <translation>故障或低级告警</translation>
        </message>
        <message>
            <source>Faulty</source>
            <translation>故障</translation>
        </message>
        <message>
            <source>Floor</source>
            <translation>单元楼层</translation>
        </message>
        <message>
            <source>For the district</source>
            <translation>需区级处置</translation>
        </message>
        <message>
            <source>Group alarms by compound and condition, or not</source>
            <translation>按小区和报警类型分组显示（切换）</translation>
        </message>
        <message>
            <source>Group by compound and condition</source>
            <translation>按小区和报警类型分组</translation>
        </message>
        <message>
            <source>Guidance</source>
            <translation>处置指引</translation>
        </message>
        <message>
            <source>High alarm</source>
            <translation>高级告警</translation>
        </message>
        <message>
            <source>History</source>
            <translation>报警经过</translation>
        </message>
        <message>
            <source>Hours</source>
            <translation>小时</translation>
        </message>
        <message>
            <source>How long a shelved alarm stays shelved</source>
            <translation>搁置多长时间</translation>
        </message>
        <message>
            <source>In service</source>
            <translation>在用</translation>
        </message>
        <message>
            <source>Last</source>
            <translation>最近一次</translation>
        </message>
        <message>
            <source>Last seen</source>
            <translation>最近在线</translation>
        </message>
        <message>
            <source>Low battery</source>
            <translation>低电量</translation>
        </message>
        <message>
            <source>Marks in a ring: several devices in alarm at one place</source>
            <translation>成圈的标记：同一地点有多个报警设备</translation>
        </message>
        <message>
            <source>Medium alarm</source>
            <translation>中级告警</translation>
        </message>
        <message>
            <source>Minutes</source>
            <translation>分钟</translation>
        </message>
        <message>
            <source>Need maintenance</source>
            <translation>待维护</translation>
        </message>
        <message>
            <source>Newest</source>
            <translation>最新</translation>
        </message>
        <message>
            <source>No alarm needs the district now. {n} open alarms are with the property companies (the compounds below): “{switch}” lists them.</source>
            <translation>目前没有需区级处置的报警。另有 {n} 条报警在物业处置中（见下方各小区）：勾选“{switch}”即可列出。</translation>
        </message>
        <message>
            <source>No alarms in this window</source>
            <translation>此时段内无告警</translation>
        </message>
        <message>
            <source>No changes recorded for this alarm.</source>
            <translation>此报警尚无变更记录。</translation>
        </message>
        <message>
            <source>No devices to show: none registered yet, or the feed is not live.</source>
            <translation>没有可显示的设备：尚未登记设备，或数据连接未就绪。</translation>
        </message>
        <message>
            <source>No open alarm.</source>
            <translation>没有未结报警。</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>Nothing in this group waits for an acknowledgement</source>
            <translation>该组没有待确认的报警</translation>
        </message>
        <message>
            <source>Offline</source>
            <translation>离线</translation>
        </message>
        <message>
            <source>Offline (nothing heard)</source>
            <translation>离线（无信号）</translation>
        </message>
        <message>
            <source>Offline device</source>
            <translation>离线设备</translation>
        </message>
        <message>
            <source>Offline devices</source>
            <translation>离线设备</translation>
        </message>
        <message>
            <source>On again</source>
            <translation>再次触发</translation>
        </message>
        <message>
            <source>On by itself during an alarm flood</source>
            <translation>报警泛滥时自动开启</translation>
        </message>
        <message>
            <source>Online</source>
            <translation>在线</translation>
        </message>
        <message>
            <source>Online %</source>
            <translation>在线率 %</translation>
        </message>
        <message>
            <source>Out of service (on purpose)</source>
            <translation>停用（人为设置）</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>优先级</translation>
        </message>
        <message>
            <source>Put a compound under maintenance</source>
            <translation>小区设为维护状态</translation>
        </message>
        <message>
            <source>Raised</source>
            <translation>报警时间</translation>
        </message>
        <message>
            <source>Re-alarmed: still on after its time</source>
            <translation>重新报警：超时仍未恢复</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Resolved in 30 days ({n} cases): {parts}</source>
            <translation>30天内办结（{n}件）：{parts}</translation>
        </message>
        <message>
            <source>Say why it is shelved (a comment), for 1 minute to 24 hours.</source>
            <translation>请填写搁置原因，搁置时间为 1 分钟至 24 小时。</translation>
        </message>
        <message>
            <source>Scenario</source>
            <translation>场景</translation>
        </message>
        <message>
            <source>Search alarms…</source>
            <translation>搜索报警…</translation>
        </message>
        <message>
            <source>Search devices…</source>
            <translation>搜索设备…</translation>
        </message>
        <message>
            <source>Search…</source>
            <translation>搜索…</translation>
        </message>
        <message>
            <source>Select an alarm first</source>
            <translation>请先选择一条报警</translation>
        </message>
        <message>
            <source>Select an alarm to see who acknowledged and claimed it, and what to do.</source>
            <translation>选择一条报警，查看确认人、认领人和处置指引。</translation>
        </message>
        <message>
            <source>Select one alarm first (not a group)</source>
            <translation>请先选择一条报警（而非报警组）</translation>
        </message>
        <message>
            <source>Sensor key figures</source>
            <translation>物联感知指标</translation>
        </message>
        <message>
            <source>Sensors and alarms</source>
            <translation>物联感知与报警</translation>
        </message>
        <message>
            <source>Shelve</source>
            <translation>搁置</translation>
        </message>
        <message>
            <source>Shelve an alarm</source>
            <translation>搁置报警</translation>
        </message>
        <message>
            <source>Shelve an urgent alarm</source>
            <translation>搁置紧急报警</translation>
        </message>
        <message>
            <source>Shelve it</source>
            <translation>搁置</translation>
        </message>
        <message>
            <source>Shelve the selected alarm</source>
            <translation>搁置所选报警</translation>
        </message>
        <message>
            <source>Shelve the urgent {condition} alarm of {compound} for {minutes} min? It will not sound or show until then.</source>
            <translation>将{compound}的紧急{condition}报警搁置 {minutes} 分钟？在此之前它不会鸣响，也不会显示为待处理。</translation>
        </message>
        <message>
            <source>Shelved</source>
            <translation>已搁置</translation>
        </message>
        <message>
            <source>Shelved until</source>
            <translation>搁置至</translation>
        </message>
        <message>
            <source>Show the property companies' alarms too</source>
            <translation>同时显示物业处置中的报警</translation>
        </message>
        <message>
            <source>Show the property companies' alarms too, or not</source>
            <translation>显示或隐藏物业处置中的报警</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Take a device out of service, or back</source>
            <translation>设备停用或恢复使用</translation>
        </message>
        <message>
            <source>The history could not be read; Ctrl+H asks again.</source>
            <translation>报警经过读取失败；按 Ctrl+H 重试。</translation>
        </message>
        <message>
            <source>The selected alarm's device: readings and events</source>
            <translation>所选报警的设备：读数与事件</translation>
        </message>
        <message>
            <source>The selected alarm's history</source>
            <translation>所选报警的经过</translation>
        </message>
        <message>
            <source>This alarm is no longer open.</source>
            <translation>该报警已不再处于开启状态。</translation>
        </message>
        <message>
            <source>To the district's list (case escalated)</source>
            <translation>转入区级报警（案件已升级）</translation>
        </message>
        <message>
            <source>Triggers</source>
            <translation>触发次数</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Unacknowledged</source>
            <translation>未确认</translation>
        </message>
        <message>
            <source>Urgent alarm</source>
            <translation>紧急告警</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>待确认</translation>
        </message>
        <message>
            <source>With property companies</source>
            <translation>物业处置中</translation>
        </message>
        <message>
            <source>With the property company</source>
            <translation>物业处置中</translation>
        </message>
        <message>
            <source>Write a comment</source>
            <translation>填写确认意见</translation>
        </message>
        <message>
            <source>acknowledged</source>
            <translation>已确认</translation>
        </message>
        <message>
            <source>acknowledged by {who}</source>
            <translation>确认人 {who}</translation>
        </message>
        <message>
            <source>alarm not acknowledged</source>
            <translation>未确认报警</translation>
        </message>
        <message>
            <source>back to normal, unacknowledged</source>
            <translation>已恢复，未确认</translation>
        </message>
        <message>
            <source>battery</source>
            <translation>电量</translation>
        </message>
        <message>
            <source>busy</source>
            <translation>繁忙</translation>
        </message>
        <message>
            <source>by {unit}</source>
            <translation>办结单位 {unit}</translation>
        </message>
        <message>
            <source>cleared</source>
            <translation>已消除</translation>
        </message>
        <message>
            <source>committee</source>
            <translation>居委会</translation>
        </message>
        <message>
            <source>device out of service</source>
            <translation>停用设备</translation>
        </message>
        <message>
            <source>district</source>
            <translation>区级</translation>
        </message>
        <message>
            <source>fault</source>
            <translation>故障</translation>
        </message>
        <message>
            <source>faulty</source>
            <translation>故障</translation>
        </message>
        <message>
            <source>in alarm</source>
            <translation>报警中</translation>
        </message>
        <message>
            <source>last seen</source>
            <translation>最近在线</translation>
        </message>
        <message>
            <source>latched</source>
            <translation>锁存</translation>
        </message>
        <message>
            <source>low battery</source>
            <translation>电量低</translation>
        </message>
        <message>
            <source>manageable</source>
            <translation>可处理</translation>
        </message>
        <message>
            <source>normal</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>offline</source>
            <translation>离线</translation>
        </message>
        <message>
            <source>online</source>
            <translation>在线</translation>
        </message>
        <message>
            <source>out of service</source>
            <translation>停用</translation>
        </message>
        <message>
            <source>property company</source>
            <translation>物业公司</translation>
        </message>
        <message>
            <source>shelved</source>
            <translation>已搁置</translation>
        </message>
        <message>
            <source>shelved alarm</source>
            <translation>已搁置报警</translation>
        </message>
        <message>
            <source>shelved until {time}</source>
            <translation>搁置至 {time}</translation>
        </message>
        <message>
            <source>since {time}</source>
            <translation>自 {time} 起</translation>
        </message>
        <message>
            <source>subdistrict</source>
            <translation>街道</translation>
        </message>
        <message>
            <source>suppressed (maintenance)</source>
            <translation>已抑制（维护中）</translation>
        </message>
        <message>
            <source>unacknowledged</source>
            <translation>未确认</translation>
        </message>
        <message>
            <source>until {time}</source>
            <translation>至 {time}</translation>
        </message>
        <message>
            <source>{case} · with {unit}</source>
            <translation>{case} · 由{unit}处置</translation>
        </message>
        <message>
            <source>{device}: triggers {triggers} · alarms {alarms}</source>
            <translation>{device}：触发 {triggers} 次 · 报警 {alarms} 条</translation>
        </message>
        <message>
            <source>{n:,} online</source>
            <translation>在线 {n:,} 台</translation>
        </message>
        <message>
            <source>{n} devices in {c} compounds · {a} in alarm · {o} offline · {s} out of service</source>
            <translation>{c} 个小区 {n} 台设备 · 报警 {a} · 离线 {o} · 停用 {s}</translation>
        </message>
        <message>
            <source>{n} devices · {a} in alarm · {o} offline</source>
            <translation>{n}台 · 告警 {a} · 离线 {o}</translation>
        </message>
        <message>
            <source>{n} more devices out of service</source>
            <translation>另有 {n} 台设备停用</translation>
        </message>
        <message>
            <source>{n} more district alarms not acknowledged</source>
            <translation>另有 {n} 条需区级处置的报警未确认</translation>
        </message>
        <message>
            <source>{n} more shelved district alarms</source>
            <translation>另有 {n} 条区级报警已搁置</translation>
        </message>
        <message>
            <source>{n} not acknowledged · {p} with property companies</source>
            <translation>{n} 条未确认 · {p} 条物业处置中</translation>
        </message>
        <message>
            <source>{n} times</source>
            <translation>共 {n} 次</translation>
        </message>
        <message>
            <source>{n} unacknowledged</source>
            <translation>{n} 条未确认</translation>
        </message>
        <message>
            <source>{off} offline · {fault} faulty · {low} low battery</source>
            <translation>离线 {off} · 故障 {fault} · 低电量 {low}</translation>
        </message>
        <message>
            <source>{pct:g}% offline</source>
            <translation>离线 {pct:g}%</translation>
        </message>
        <message>
            <source>{who} at {time}</source>
            <translation>{who}，{time}</translation>
        </message>
        <message>
            <source>{who} at {time}, ended {until}</source>
            <translation>{who}，{time}，已于 {until} 到期</translation>
        </message>
        <message>
            <source>{who} at {time}, until {until}</source>
            <translation>{who}，{time}，至 {until}</translation>
        </message>
    </context>
    <context>
        <name>Status</name>
        <message>
            <source>Alarm sound silenced</source>
            <translation>报警音已消音</translation>
        </message>
        <message>
            <source>Alarm sounding: {priority}</source>
            <translation>报警音：{priority}</translation>
        </message>
        <message>
            <source>Alarms cannot be heard on this desk: {why}</source>
            <translation>本席位听不到报警音：{why}</translation>
        </message>
        <message>
            <source>An alarm of a higher priority sounds again</source>
            <translation>更高优先级的报警会再次响起</translation>
        </message>
        <message>
            <source>No sound device</source>
            <translation>无声音设备</translation>
        </message>
        <message>
            <source>Silence it with Ctrl+M; acknowledging the alarms stops it too</source>
            <translation>按 Ctrl+M 消音；确认报警后也会停止</translation>
        </message>
        <message>
            <source>This desk sees and acts for the whole district</source>
            <translation>本席位查看和处置全区事务</translation>
        </message>
        <message>
            <source>This desk sees and acts within {unit} and the units under it</source>
            <translation>本席位只查看和处置{unit}及其下级单位的事务</translation>
        </message>
        <message>
            <source>Unit: {unit}</source>
            <translation>单位：{unit}</translation>
        </message>
        <message>
            <source>Whole district</source>
            <translation>全区</translation>
        </message>
        <message>
            <source>connecting…</source>
            <translation>正在连接…</translation>
        </message>
        <message>
            <source>feed lost</source>
            <translation>数据中断</translation>
        </message>
        <message>
            <source>key refused</source>
            <translation>密钥被拒绝</translation>
        </message>
        <message>
            <source>live</source>
            <translation>实时</translation>
        </message>
        <message>
            <source>no notifications waiting</source>
            <translation>无待确认通知</translation>
        </message>
        <message>
            <source>not logged in</source>
            <translation>未登录</translation>
        </message>
        <message>
            <source>resynced {time}: {reason}</source>
            <translation>{time} 已重新同步：{reason}</translation>
        </message>
        <message>
            <source>seq {seq}</source>
            <translation>序号 {seq}</translation>
        </message>
        <message>
            <source>synchronising…</source>
            <translation>正在同步…</translation>
        </message>
        <message>
            <source>{n} alarm to acknowledge</source>
            <translation>{n} 条报警待确认</translation>
        </message>
        <message>
            <source>{n} alarms to acknowledge</source>
            <translation>{n} 条报警待确认</translation>
        </message>
        <message>
            <source>{n} notification to acknowledge</source>
            <translation>{n} 条通知待确认</translation>
        </message>
        <message>
            <source>{n} notifications to acknowledge</source>
            <translation>{n} 条通知待确认</translation>
        </message>
        <message>
            <source>{rate:.0f} changes/s</source>
            <translation>{rate:.0f} 条/秒</translation>
        </message>
        <message>
            <source>{what}: open the notification centre (Ctrl+J)</source>
            <translation>{what}：打开通知中心（Ctrl+J）</translation>
        </message>
    </context>
    <context>
        <name>System</name>
        <message>
            <source>Audit log</source>
            <translation>审计日志</translation>
        </message>
        <message>
            <source>Command</source>
            <translation>指令</translation>
        </message>
        <message>
            <source>Commands ok / refused</source>
            <translation>指令 成功/拒绝</translation>
        </message>
        <message>
            <source>Connected since</source>
            <translation>连接时间</translation>
        </message>
        <message>
            <source>Daemon</source>
            <translation>服务端</translation>
        </message>
        <message>
            <source>Daemon uptime</source>
            <translation>服务端运行时长</translation>
        </message>
        <message>
            <source>Desk</source>
            <translation>席位</translation>
        </message>
        <message>
            <source>Desks</source>
            <translation>席位</translation>
        </message>
        <message>
            <source>Desks and plugins</source>
            <translation>席位与插件</translation>
        </message>
        <message>
            <source>Desks connected</source>
            <translation>在线席位</translation>
        </message>
        <message>
            <source>Detail</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>错误</translation>
        </message>
        <message>
            <source>Failed in</source>
            <translation>失败环节</translation>
        </message>
        <message>
            <source>Filter desks…</source>
            <translation>筛选席位…</translation>
        </message>
        <message>
            <source>Filter the audit log…</source>
            <translation>筛选审计日志…</translation>
        </message>
        <message>
            <source>Input dropped</source>
            <translation>丢弃的输入</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>操作员</translation>
        </message>
        <message>
            <source>Plugin</source>
            <translation>插件</translation>
        </message>
        <message>
            <source>Plugins</source>
            <translation>插件</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>优先级</translation>
        </message>
        <message>
            <source>Read: {name}</source>
            <translation>查阅：{name}</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>Sequence</source>
            <translation>序号</translation>
        </message>
        <message>
            <source>Side</source>
            <translation>端</translation>
        </message>
        <message>
            <source>Silence a desk's alarm sound</source>
            <translation>席位消音</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>System</source>
            <translation>系统</translation>
        </message>
        <message>
            <source>System health</source>
            <translation>系统运行状态</translation>
        </message>
        <message>
            <source>The lockout of a user name that names nobody ended (the name is not recorded)</source>
            <translation>一个不对应任何人员的用户名的登录锁定已解除（该名称不予记录）</translation>
        </message>
        <message>
            <source>The login lockout of {who} ended</source>
            <translation>{who} 的登录锁定已解除</translation>
        </message>
        <message>
            <source>The trend is drawn from when this view opened, one point a second.</source>
            <translation>趋势自本视图打开时起绘制，每秒一个点。</translation>
        </message>
        <message>
            <source>This desk</source>
            <translation>本席位</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Updates per second</source>
            <translation>每秒更新</translation>
        </message>
        <message>
            <source>Updates per second, last 10 minutes</source>
            <translation>每秒更新数（最近 10 分钟）</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>版本</translation>
        </message>
        <message>
            <source>absent</source>
            <translation>未安装</translation>
        </message>
        <message>
            <source>daemon</source>
            <translation>服务端</translation>
        </message>
        <message>
            <source>desk</source>
            <translation>席位</translation>
        </message>
        <message>
            <source>done</source>
            <translation>成功</translation>
        </message>
        <message>
            <source>epoch {e}</source>
            <translation>运行批次 {e}</translation>
        </message>
        <message>
            <source>error</source>
            <translation>错误</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>失败</translation>
        </message>
        <message>
            <source>failed on the daemon</source>
            <translation>服务端执行出错</translation>
        </message>
        <message>
            <source>import refused</source>
            <translation>导入被拒绝</translation>
        </message>
        <message>
            <source>invalid input</source>
            <translation>输入无效</translation>
        </message>
        <message>
            <source>loaded</source>
            <translation>已加载</translation>
        </message>
        <message>
            <source>malformed request</source>
            <translation>请求格式错误</translation>
        </message>
        <message>
            <source>module switched off</source>
            <translation>模块已停用</translation>
        </message>
        <message>
            <source>not allowed</source>
            <translation>无权限</translation>
        </message>
        <message>
            <source>not allowed for the role</source>
            <translation>角色无此权限</translation>
        </message>
        <message>
            <source>not logged in</source>
            <translation>未登录</translation>
        </message>
        <message>
            <source>other protocol version</source>
            <translation>协议版本不同</translation>
        </message>
        <message>
            <source>refused</source>
            <translation>拒绝</translation>
        </message>
        <message>
            <source>refused by a rule</source>
            <translation>业务规则拒绝</translation>
        </message>
        <message>
            <source>since {t}</source>
            <translation>自 {t}</translation>
        </message>
        <message>
            <source>switched off</source>
            <translation>已停用</translation>
        </message>
        <message>
            <source>the whole district</source>
            <translation>全区</translation>
        </message>
        <message>
            <source>too large</source>
            <translation>内容过大</translation>
        </message>
        <message>
            <source>too many failed logins</source>
            <translation>登录失败次数过多</translation>
        </message>
        <message>
            <source>unknown command</source>
            <translation>未知指令</translation>
        </message>
        <message>
            <source>unknown query</source>
            <translation>未知查询</translation>
        </message>
        <message>
            <source>unknown request</source>
            <translation>未知请求</translation>
        </message>
        <message>
            <source>unknown user name (not recorded)</source>
            <translation>未知用户名（未记录）</translation>
        </message>
        <message>
            <source>{name} · database {db} · {n:,} live records in {c} collections</source>
            <translation>{name} · 数据库 {db} · {c} 个集合共 {n:,} 条实时记录</translation>
        </message>
        <message>
            <source>{q:,} queries</source>
            <translation>查询 {q:,} 次</translation>
        </message>
        <message>
            <source>{said} (reference {ref} in the daemon's log)</source>
            <translation>{said}（服务端日志编号 {ref}）</translation>
        </message>
        <message>
            <source>{user}: moved from {before} to {after}</source>
            <translation>{user}：从{before}调至{after}</translation>
        </message>
    </context>
    <context>
        <name>Table</name>
        <message>
            <source>Export what is shown</source>
            <translation>导出所见</translation>
        </message>
        <message>
            <source>Export what is shown to Excel…</source>
            <translation>将所见导出到 Excel…</translation>
        </message>
        <message>
            <source>Nothing here matches “{filter}”.</source>
            <translation>没有与“{filter}”匹配的内容。</translation>
        </message>
        <message>
            <source>Nothing was written to {path}: {reason}</source>
            <translation>未写入 {path}：{reason}</translation>
        </message>
        <message>
            <source>{n} rows written to {path}</source>
            <translation>已将 {n} 行写入 {path}</translation>
        </message>
    </context>
    <context>
        <name>View</name>
        <message>
            <source>Log in as {role} or above to see this</source>
            <translation>需要登录{role}及以上角色才能查看</translation>
        </message>
        <message>
            <source>Log in to see this</source>
            <translation>需要登录后才能查看</translation>
        </message>
        <message>
            <source>Plugin “{plugin}” is switched off</source>
            <translation>插件“{plugin}”已停用</translation>
        </message>
        <message>
            <source>STALE — {reason} since {time} ({age} ago); figures are not live</source>
            <translation>数据过期——自 {time} 起{reason}（{age}前）；数字并非实时</translation>
        </message>
        <message>
            <source>connecting</source>
            <translation>正在连接</translation>
        </message>
        <message>
            <source>feed lost</source>
            <translation>数据中断</translation>
        </message>
        <message>
            <source>synchronising</source>
            <translation>正在同步</translation>
        </message>
        <message>
            <source>the daemon refused this desk's key</source>
            <translation>服务端拒绝了本席位的密钥</translation>
        </message>
        <message>
            <source>{h} h {m} min</source>
            <translation>{h} 小时 {m} 分</translation>
        </message>
        <message>
            <source>{m} min {s} s</source>
            <translation>{m} 分 {s} 秒</translation>
        </message>
        <message>
            <source>{s} s</source>
            <translation>{s} 秒</translation>
        </message>
        <message>
            <source>“{action}” is not possible now: select what it applies to, or check its button's tooltip.</source>
            <translation>“{action}”当前无法执行：请先选择要处理的对象，或查看对应按钮的提示。</translation>
        </message>
        <message>
            <source>“{action}” is not possible now: {why}</source>
            <translation>“{action}”当前无法执行：{why}</translation>
        </message>
    </context>
</TS>
