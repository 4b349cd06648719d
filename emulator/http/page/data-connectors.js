// The emulator's Data connectors page: polls GET /emulator/connectors, lists the connectors, shows the selected one's
// "Data received" graph (uPlot), runs KQL through the query API, and draws the topology (Mermaid, loaded as an ES
// module on first use).
// Every value from the server is put into the page as text (textContent), never as HTML.
(function () {
  'use strict';

  const POLL_INTERVAL_MS = 2000;
  /** Any bearer token is accepted by the emulator's query API (unless the emulator was told to check claims). */
  const QUERY_TOKEN = 'data-connectors-page';
  const SERIES_COLORS = ['#0078d4', '#107c10', '#d83b01', '#8764b8', '#008575', '#c239b3'];

  const state = { status: undefined, selected: undefined, plot: undefined, plotKey: undefined, diagram: undefined };

  const byId = (id) => document.getElementById(id);

  /** An element with text content and optional class. */
  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    if (className !== undefined) {
      node.className = className;
    }
    return node;
  }

  function formatTime(iso) {
    if (iso === null || iso === undefined) {
      return 'never';
    }
    const date = new Date(iso);
    const seconds = Math.max(0, Math.round((Date.parse(state.status.now) - date.getTime()) / 1000));
    const ago = seconds < 60 ? `${seconds} s ago` : seconds < 3600 ? `${Math.round(seconds / 60)} min ago` : `${Math.round(seconds / 3600)} h ago`;
    // Within a day the time says enough; the date comes in when it does not.
    return `${seconds < 86400 ? date.toLocaleTimeString() : date.toLocaleString()} (${ago})`;
  }

  function statusBadge(status) {
    const badge = element('span', status, `status ${status === 'Connected' ? 'connected' : 'disconnected'}`);
    badge.dataset.status = status;
    return badge;
  }

  /**
   * A support tier and contact: the contact's name (or its address) as a link when it has a web address or an e-mail;
   * only http(s) and mailto links are made, never a script URL.
   */
  function supportContact(support) {
    const span = element('span');
    span.append(element('span', support.tier, 'tier'));
    const webLink = support.link && /^https?:\/\//i.test(support.link) ? support.link : undefined;
    const href = webLink ?? (support.email ? `mailto:${support.email}` : undefined);
    const label = support.name || webLink || support.email;
    if (label) {
      span.append(' ');
      if (href === undefined) {
        span.append(label);
      } else {
        const link = element('a', label);
        link.href = href;
        link.title = webLink ?? support.email;
        link.rel = 'noopener noreferrer';
        link.target = '_blank';
        span.append(link);
      }
    }
    return span;
  }

  function renderList() {
    const status = state.status;
    byId('stack-name').textContent = status.stackName;
    byId('updated-at').textContent = new Date(status.now).toLocaleTimeString();
    byId('connector-count').textContent = String(status.connectors.length);
    byId('connected-count').textContent = String(status.connectors.filter((connector) => connector.status === 'Connected').length);
    byId('window-minutes').textContent = String(status.connectedWindowInMinutes);

    const body = byId('connectors').tBodies[0];
    const rows = status.connectors.map((connector) => {
      const row = element('tr');
      row.dataset.connectorId = connector.connectorId;
      row.tabIndex = 0;
      row.classList.toggle('selected', connector.connectorId === state.selected);
      const statusCell = element('td');
      statusCell.append(statusBadge(connector.status));
      const titleCell = element('td');
      titleCell.append(element('strong', connector.title));
      const tablesCell = element('td', undefined, 'tables-cell');
      connector.tables.forEach((table) => {
        const line = element('div', `${table.tableName} (${table.rowsWritten.toLocaleString()})`);
        line.dataset.table = table.tableName;
        line.dataset.rows = String(table.rowsWritten);
        tablesCell.append(line);
      });
      const supportCell = element('td');
      supportCell.append(supportContact(connector.support));
      const lastLog = element('td', formatTime(connector.lastLogReceived), 'last-log');
      row.append(statusCell, titleCell, element('td', connector.ingestionPathTitle), element('td', connector.publisher),
        supportCell, tablesCell, lastLog);
      const select = () => {
        state.selected = connector.connectorId;
        renderList();
        renderDetail();
      };
      row.addEventListener('click', select);
      row.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          select();
        }
      });
      return row;
    });
    body.replaceChildren(...rows);
  }

  function renderGraph(connector) {
    const container = byId('graph');
    const key = `${connector.connectorId}\u0000${connector.tables.map((table) => table.tableName).join('\u0000')}`;
    const data = [state.status.minutes.map((ms) => ms / 1000), ...connector.tables.map((table) => table.rowsPerMinute)];
    if (state.plotKey !== key) {
      if (state.plot !== undefined) {
        state.plot.destroy();
      }
      container.replaceChildren();
      state.plot = new uPlot({
        width: Math.max(320, container.clientWidth || 480),
        height: 200,
        scales: { y: { range: (_plot, _min, max) => [0, Math.max(1, max)] } },
        axes: [{}, { label: 'rows / min' }],
        series: [{}, ...connector.tables.map((table, index) => ({
          label: table.tableName,
          stroke: SERIES_COLORS[index % SERIES_COLORS.length],
          fill: `${SERIES_COLORS[index % SERIES_COLORS.length]}22`,
          width: 2,
          points: { show: true },
        }))],
      }, data, container);
      state.plotKey = key;
    } else {
      state.plot.setData(data);
    }
    const counts = connector.tables.flatMap((table) => table.rowsPerMinute);
    container.dataset.rowsTotal = String(counts.reduce((sum, rows) => sum + rows, 0));
    container.dataset.minutesWithRows = String(counts.filter((rows) => rows > 0).length);
  }

  function renderRules(connector) {
    const container = byId('detail-rules');
    if (connector.dataCollectionRules.length === 0) {
      container.replaceChildren(element('p', connector.ingestionPath === 'service-to-service'
        ? 'None: the service sends to the workspace itself.' : 'None recorded.', 'hint'));
      return;
    }
    container.replaceChildren(...connector.dataCollectionRules.map((rule) => {
      const block = element('div', undefined, 'rule');
      block.append(element('strong', rule.ruleName), element('div', rule.immutableId, 'hint'));
      const facts = element('dl', undefined, 'facts');
      rule.syslogSources.forEach((source) => {
        facts.append(element('dt', 'Facilities'), element('dd', source.facilityNames.join(', ')));
        facts.append(element('dt', 'Levels'), element('dd', source.logLevels.join(', ')));
        facts.append(element('dt', 'Streams'), element('dd', source.streams.join(', ')));
      });
      if (rule.streamDeclarations.length > 0) {
        facts.append(element('dt', 'Declared streams'), element('dd', rule.streamDeclarations.join(', ')));
      }
      block.append(facts);
      rule.dataFlows.forEach((flow) => {
        block.append(element('div', `${flow.streams.join(', ')} → ${flow.tableName ?? flow.outputStream ?? '?'}`));
        const transform = element('pre', flow.transformKql ?? 'source (no transformation)', 'transform');
        block.append(transform);
      });
      return block;
    }));
  }

  /** A codeless connector's poller: its state, its last poll and the error that stopped it. */
  function renderPoller(connector) {
    const section = byId('detail-poller');
    const poller = connector.poller;
    section.hidden = poller === null || poller === undefined;
    if (section.hidden) {
      return;
    }
    section.dataset.state = poller.state;
    const facts = [['State', poller.state]];
    if (poller.reason !== undefined) {
      facts.push(['Why', poller.reason]);
    }
    if (poller.apiEndpoint !== undefined) {
      facts.push(['API', poller.apiEndpoint]);
    }
    if (poller.queryWindowInMin !== undefined) {
      facts.push(['Window', `${poller.queryWindowInMin} min, next from ${formatTime(poller.nextWindowStart)}`]);
    }
    facts.push(['Polls', `${poller.polls.toLocaleString()}: ${poller.eventsRead.toLocaleString()} events read, `
      + `${poller.rowsWritten.toLocaleString()} rows written`]);
    if (poller.lastPoll !== undefined) {
      const last = poller.lastPoll;
      facts.push(['Last poll', `${formatTime(last.at)}: ${last.requests} requests, ${last.pages} pages, ${last.events} events, `
        + `${last.rowsWritten} rows`]);
    }
    if (poller.lastError !== undefined) {
      facts.push(['Last error', poller.lastError]);
    }
    byId('detail-poller-facts').replaceChildren(...facts.flatMap(([name, value]) => [element('dt', name),
      element('dd', value, name === 'Last error' ? 'error' : undefined)]));
  }

  function renderDetail() {
    const connector = state.status.connectors.find((candidate) => candidate.connectorId === state.selected);
    const detail = byId('detail');
    if (connector === undefined) {
      detail.hidden = true;
      return;
    }
    detail.hidden = false;
    detail.dataset.connectorId = connector.connectorId;
    byId('detail-title').textContent = connector.title;
    byId('detail-description').textContent = connector.description ?? '';
    byId('detail-status').replaceChildren(statusBadge(connector.status));
    byId('detail-provider').textContent = connector.publisher;
    byId('detail-support').replaceChildren(supportContact(connector.support));
    byId('detail-path').textContent = connector.ingestionPathTitle;
    byId('detail-last-log').textContent = formatTime(connector.lastLogReceived);
    byId('detail-construct').textContent = connector.constructPath;
    byId('detail-tables').tBodies[0].replaceChildren(...connector.tables.map((table) => {
      const row = element('tr');
      row.append(element('td', table.tableName), element('td', table.rowsWritten.toLocaleString()),
        element('td', table.rowCount.toLocaleString()), element('td', table.rowsEvicted.toLocaleString()),
        element('td', formatTime(table.lastRowAt)));
      return row;
    }));
    const prerequisites = connector.prerequisites.length === 0 ? [element('li', 'None recorded.')]
      : connector.prerequisites.map((text) => element('li', text));
    byId('detail-prerequisites').replaceChildren(...prerequisites);
    renderPoller(connector);
    renderRules(connector);
    renderGraph(connector);
  }

  /** Mermaid's ES module build, loaded on first use: it fetches only the chunks a flowchart needs. */
  let mermaidLoading;
  function loadMermaid() {
    mermaidLoading ??= import('/emulator/page/vendor/mermaid/mermaid.esm.min.mjs').then(({ default: mermaid }) => {
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'neutral', flowchart: { htmlLabels: true } });
      return mermaid;
    });
    return mermaidLoading;
  }

  async function renderDiagram() {
    const text = state.status.diagram;
    if (text === state.diagram) {
      return;
    }
    state.diagram = text;
    const mermaid = await loadMermaid();
    // Mermaid's strict security level sanitizes the SVG it returns; the labels were escaped by the server.
    const { svg } = await mermaid.render('topology-svg', text);
    const container = byId('diagram');
    container.innerHTML = svg;
    container.dataset.rendered = 'true';
  }

  function renderWorkspaces() {
    const select = byId('query-workspace');
    if (select.options.length === state.status.workspaces.length) {
      return;
    }
    select.replaceChildren(...state.status.workspaces.map((workspace) => {
      const option = element('option', workspace.name);
      option.value = workspace.customerId;
      return option;
    }));
  }

  async function refresh() {
    try {
      const response = await fetch('/emulator/connectors', { cache: 'no-store' });
      if (!response.ok) {
        throw new Error(`GET /emulator/connectors answered ${response.status}`);
      }
      state.status = await response.json();
      if (state.selected === undefined && state.status.connectors.length > 0) {
        state.selected = (new URLSearchParams(location.search).get('connector')) ?? state.status.connectors[0].connectorId;
      }
      byId('load-error').hidden = true;
      renderList();
      renderDetail();
      renderWorkspaces();
      document.body.dataset.loaded = 'true';
      // The diagram draws on its own: the list does not wait for Mermaid.
      renderDiagram().catch((error) => {
        byId('diagram').textContent = `The diagram could not be drawn: ${error.message}`;
        console.error(error);
      });
    } catch (error) {
      const message = byId('load-error');
      message.textContent = `The emulator did not answer: ${error.message}`;
      message.hidden = false;
    }
  }

  function renderQueryResult(table) {
    const result = byId('query-result');
    const header = element('tr');
    table.columns.forEach((column) => header.append(element('th', `${column.name}`)));
    result.tHead.replaceChildren(header);
    result.tBodies[0].replaceChildren(...table.rows.map((values) => {
      const row = element('tr');
      values.forEach((value) => row.append(element('td', value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value))));
      return row;
    }));
  }

  async function runQuery(event) {
    event.preventDefault();
    const error = byId('query-error');
    const status = byId('query-status');
    error.hidden = true;
    status.textContent = 'Running…';
    const workspace = byId('query-workspace').value;
    const timespan = byId('query-timespan').value;
    const body = { query: byId('query-text').value, ...(timespan === '' ? {} : { timespan }) };
    try {
      const response = await fetch(`/v1/workspaces/${encodeURIComponent(workspace)}/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'authorization': `Bearer ${QUERY_TOKEN}` },
        body: JSON.stringify(body),
      });
      const answer = await response.json();
      if (!response.ok) {
        throw new Error(`${answer.error?.code ?? response.status}: ${answer.error?.message ?? ''}`);
      }
      const table = answer.tables[0] ?? { columns: [], rows: [] };
      renderQueryResult(table);
      status.textContent = `${table.rows.length} row${table.rows.length === 1 ? '' : 's'}`;
      byId('query-result').dataset.rows = String(table.rows.length);
    } catch (failure) {
      status.textContent = '';
      error.textContent = failure.message;
      error.hidden = false;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    byId('query-form').addEventListener('submit', runQuery);
    void refresh();
    setInterval(() => void refresh(), POLL_INTERVAL_MS);
  });
}());
