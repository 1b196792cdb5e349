// "Download for an LMS (SCORM)": the zip a teacher uploads to a course as it is.
// Loaded by app.js only when the button is pressed (with fflate beside it), so the
// page's first load carries none of it. doc/controls.md says what the package does.
//
// The zip holds two files:
//   imsmanifest.xml  SCORM 1.2 or SCORM 2004 4th edition: one organization, one item,
//                    one SCO resource whose launch file is vrest.html;
//   vrest.html       the offline copy of Vrest (one file, its own CSP, no requests),
//                    with a <meta name="vrest-package"> that carries the state to open,
//                    the lesson and the teacher's options to www/scorm.js inside it.
// The XSD files the manifests name are not included: the LMSs Vrest is made for read
// the manifest without them.
import { zipSync, strToU8 } from "./fflate.js";

/** `text` safe inside an XML or HTML element or a quoted attribute. */
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The manifest for `version` ("1.2" or "2004"). */
export function manifest({ version, id, title, mastery }) {
  const t = escape(title);
  const v12 = version === "1.2";
  // The pass mark: 1.2's mastery score, or 2004's primary objective's minimum
  // normalized measure (which the LMS hands to the SCO as cmi.scaled_passing_score).
  const mark = mastery == null ? "" : v12
    ? `\n        <adlcp:masteryscore>${mastery}</adlcp:masteryscore>`
    : `
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="predictions" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${(mastery / 100).toFixed(2)}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>`;
  const head = v12
    ? `xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"`
    : `xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${escape(id)}" version="1"
  ${head}>
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>${v12 ? "1.2" : "2004 4th Edition"}</schemaversion>
  </metadata>
  <organizations default="vrest-organization">
    <organization identifier="vrest-organization">
      <title>${t}</title>
      <item identifier="vrest-item" identifierref="vrest-sco" isvisible="true">
        <title>${t}</title>${mark}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="vrest-sco" type="webcontent" adlcp:${v12 ? "scormtype" : "scormType"}="sco" href="vrest.html">
      <file href="vrest.html"/>
    </resource>
  </resources>
</manifest>
`;
}

/** The package as zip bytes. `query` is the link's query to open (state, locks,
 *  questions, the lesson at its first scene); `offline` the offline copy's text. */
export function writePackage({ version, query, lesson, scored, mastery, title, offline }) {
  const settings = { v: 1, scorm: version, query, lesson, scored, mastery };
  const meta = `<meta name="vrest-package" content="${escape(JSON.stringify(settings))}">`;
  const at = offline.search(/<meta charset=["']?utf-8["']?>/i);
  if (at < 0) throw new Error("vrest-offline.html has no <meta charset>");
  const end = offline.indexOf(">", at) + 1;
  const html = offline.slice(0, end) + meta + offline.slice(end);
  const id = `vrest-${lesson || "lab"}-${Date.now().toString(36)}`;
  return zipSync({
    "imsmanifest.xml": strToU8(manifest({ version, id, title, mastery })),
    "vrest.html": strToU8(html),
  }, { level: 9, mtime: new Date() });
}

/** Fetch the offline copy beside the page (same origin) and write the package. */
export async function buildPackage(options) {
  const response = await fetch(new URL("vrest-offline.html", import.meta.url));
  if (!response.ok) throw new Error(`vrest-offline.html: HTTP ${response.status}`);
  return writePackage({ ...options, offline: await response.text() });
}
