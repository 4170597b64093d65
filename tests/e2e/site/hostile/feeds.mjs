// Hostile feeds for tests/e2e/hostile.test.mjs, built from tests/fixtures/hostile/vectors.json: the same
// documents as tests/core_hostile.rs (three items per vector: A with the vector in every field, links
// included; B with a good link and the vector everywhere else; C with the vector in CDATA, bare-string and
// plain-summary forms), in JSON Feed, WordPress REST, RSS and Atom, several vectors per document so that
// each fits one block (latest and gallery show at most 50 entries).
import { readFileSync } from 'node:fs';

export const FORMATS = ['jsonfeed', 'wordpress', 'rss', 'atom'];
export const CONTENT_TYPES = {
  jsonfeed: 'application/feed+json; charset=utf-8',
  wordpress: 'application/json; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};

/** Every vector as { i, kind, v }, in the order of the file (i is the index core_hostile.rs uses too). */
export function loadVectors() {
  const doc = JSON.parse(readFileSync(new URL('../../../fixtures/hostile/vectors.json', import.meta.url), 'utf8'));
  const all = [];
  for (const kind of ['url', 'markup', 'style', 'srcset']) for (const v of doc[kind]) all.push({ i: all.length, kind, v });
  return all;
}

/** XML text or attribute value: the five specials escaped, C0 controls as character references. */
export function esc(v) {
  return v.replace(/[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) =>
    ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] || `&#${c.charCodeAt(0)};`,
  );
}

const cdata = (v) => (v.includes(']]>') ? esc(v) : `<![CDATA[${v}]]>`);

function jsonItems(i, v) {
  return [
    {
      attachments: [{ mime_type: 'image/png', title: v, url: v }],
      author: { name: v },
      authors: [{ avatar: v, name: v, url: v }],
      banner_image: v,
      content_html: v,
      content_text: v,
      date_modified: v,
      date_published: v,
      external_url: v,
      id: v,
      image: v,
      summary: v,
      tags: [v],
      title: v,
      url: v,
    },
    {
      attachments: [{ mime_type: 'image/jpeg', title: v, url: v }],
      authors: [{ name: v }],
      banner_image: v,
      content_html: v,
      date_published: v,
      id: v,
      image: v,
      tags: [v],
      title: v,
      url: `/hostile/jsonfeed/b${i}.html`,
    },
    {
      attachments: [{ mime_type: 'image/png', title: v, url: '/img/thumb-2.png' }],
      external_url: v,
      id: `c${i}`,
      image: '/img/thumb-1.png',
      summary: v,
      title: 'Tiêu đề an toàn',
      url: `/hostile/jsonfeed/c${i}.html`,
    },
  ];
}

function wpPosts(i, v) {
  const sizes = (medium, large) => ({
    full: { height: 800, source_url: v, width: 1200 },
    large: { height: 683, source_url: large, width: 1024 },
    medium: { height: 200, source_url: medium, width: 300 },
    medium_large: { height: 512, source_url: large, width: 768 },
  });
  return [
    {
      _embedded: {
        author: [{ link: v, name: v }],
        'wp:featuredmedia': [
          { alt_text: v, media_details: { height: 800, sizes: sizes(v, v), width: 1200 }, source_url: v, title: { rendered: v } },
        ],
      },
      categories: [v],
      content: { rendered: v },
      date: v,
      date_gmt: v,
      excerpt: { rendered: v },
      id: v,
      link: v,
      tags: [v],
      title: { rendered: v },
    },
    {
      _embedded: {
        author: [{ name: v }],
        'wp:featuredmedia': [
          { alt_text: v, media_details: { height: 800, sizes: sizes('/img/thumb-2.png', v), width: 1200 }, source_url: '/img/thumb-1.png' },
        ],
      },
      date_gmt: v,
      excerpt: { rendered: v },
      id: i,
      link: `/hostile/wordpress/b${i}.html`,
      title: { rendered: v },
    },
    {
      _embedded: { 'wp:featuredmedia': [{ alt_text: v, source_url: v }] },
      excerpt: v,
      id: `c${i}`,
      link: `/hostile/wordpress/c${i}.html`,
      title: v,
    },
  ];
}

function rssItems(i, v) {
  const t = esc(v);
  const c = cdata(v);
  return `<item>
<title>${t}</title><link>${t}</link><guid>${t}</guid><description>${t}</description><content:encoded>${c}</content:encoded>
<pubDate>${t}</pubDate><dc:creator>${t}</dc:creator><author>${t}</author><category>${t}</category>
<enclosure url="${t}" type="image/jpeg" length="1"/><media:thumbnail url="${t}"/>
<media:content url="${t}" medium="image"><media:title>${t}</media:title><media:description>${t}</media:description></media:content>
<itunes:image href="${t}"/><source url="${t}">${t}</source><comments>${t}</comments>
</item>
<item xml:base="${t}">
<title>${t}</title><link>/hostile/rss/b${i}.html</link><guid isPermaLink="false">${t}</guid><description>${t}</description>
<pubDate>${t}</pubDate><dc:creator>${t}</dc:creator><category>${t}</category>
<enclosure url="${t}" type="image/png"/><media:content url="${t}" medium="image"/>
</item>
<item>
<title>${c}</title><link>/hostile/rss/c${i}.html</link><description>${c}</description>
</item>
`;
}

function atomEntries(i, v) {
  const t = esc(v);
  const c = cdata(v);
  return `<entry>
<id>${t}</id><title type="html">${t}</title><link href="${t}"/><link rel="alternate" type="text/html" href="${t}"/>
<link rel="enclosure" type="image/png" href="${t}"/><summary type="html">${t}</summary><content type="html">${t}</content>
<published>${t}</published><updated>${t}</updated><author><name>${t}</name><uri>${t}</uri><email>${t}</email></author>
<category term="${t}" label="${t}"/><media:thumbnail url="${t}"/>
</entry>
<entry xml:base="${t}">
<id>urn:hostile:b${i}</id><title type="text">${t}</title><link rel="alternate" href="/hostile/atom/b${i}.html"/>
<summary type="text">${t}</summary><content type="html">${t}</content><updated>${t}</updated>
<author><name>${t}</name></author><link rel="enclosure" type="image/jpeg" href="${t}"/>
</entry>
<entry>
<id>urn:hostile:c${i}</id><title type="html">${c}</title><link href="/hostile/atom/c${i}.html"/>
<content type="html">${c}</content>
<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${t}<img src="${t}"/></div></summary>
</entry>
`;
}

/** One document of `format` holding the items of `chunk` (vectors); feed-level fields get the first vector. */
export function buildFeed(format, chunk) {
  const v0 = chunk[0].v;
  const t0 = esc(v0);
  switch (format) {
    case 'jsonfeed':
      return JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: v0,
        home_page_url: v0,
        feed_url: v0,
        next_url: v0,
        icon: v0,
        favicon: v0,
        authors: [{ name: v0, url: v0, avatar: v0 }],
        items: chunk.flatMap(({ i, v }) => jsonItems(i, v)),
      });
    case 'wordpress':
      return JSON.stringify(chunk.flatMap(({ i, v }) => wpPosts(i, v)));
    case 'rss':
      return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel>
<title>${t0}</title><link>${t0}</link><description>${t0}</description><atom:link rel="next" href="${t0}"/>
<image><url>${t0}</url><title>${t0}</title><link>${t0}</link></image>
${chunk.map(({ i, v }) => rssItems(i, v)).join('')}</channel>
</rss>
`;
    case 'atom':
      return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
<title type="html">${t0}</title><subtitle>${t0}</subtitle><id>${t0}</id><updated>${t0}</updated>
<link rel="alternate" href="${t0}"/><link rel="next" href="${t0}"/><icon>${t0}</icon><logo>${t0}</logo>
<author><name>${t0}</name><uri>${t0}</uri></author>
${chunk.map(({ i, v }) => atomEntries(i, v)).join('')}</feed>
`;
    default:
      throw new Error(`unknown format ${format}`);
  }
}

/** The vectors cut into chunks of `size` (16 vectors = 48 items: one block shows them all). */
export function chunks(vectors, size = 16) {
  const out = [];
  for (let k = 0; k < vectors.length; k += size) out.push(vectors.slice(k, k + size));
  return out;
}
