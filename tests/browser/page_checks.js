// DOM checks for the browser tests, injected into a page as window.pageChecks.
// Each returns plain data (selectors, sizes, an HTML snippet) for the Python side to report.
window.pageChecks = (() => {
  const snippet = (element) => {
    const html = element.outerHTML.replace(/\s+/g, " ");
    return html.length > 240 ? `${html.slice(0, 240)}…` : html;
  };

  const round = (pixels) => Math.round(pixels * 10) / 10;

  // A CSS selector precise enough for a developer to find the element.
  const selectorOf = (element) => {
    const parts = [];
    for (let node = element; node && node !== document.documentElement; node = node.parentElement) {
      if (node.id) {
        parts.unshift(`#${CSS.escape(node.id)}`);
        break;
      }
      let part = node.localName;
      if (node.classList.length) part += [...node.classList].map((name) => `.${CSS.escape(name)}`).join("");
      const parent = node.parentElement;
      const alike = parent ? [...parent.children].filter((sibling) => sibling.localName === node.localName) : [];
      if (alike.length > 1) part += `:nth-of-type(${alike.indexOf(node) + 1})`;
      parts.unshift(part);
      if (parts.length === 4) break;
    }
    return parts.join(" > ");
  };

  const describe = (element) => {
    const box = element.getBoundingClientRect();
    return {
      selector: selectorOf(element),
      html: snippet(element),
      left: Math.round(box.left),
      right: Math.round(box.right),
      width: round(box.width),
      height: round(box.height),
    };
  };

  // Not shown to anyone on purpose: display none, visibility hidden, or inside a box shrunk to
  // a pixel that clips its content (.visually-hidden, the registration form's honeypot).
  const hiddenByDesign = (element) => {
    if (!element.checkVisibility({ visibilityProperty: true })) return true;
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      const box = node.getBoundingClientRect();
      const clips = style.overflow !== "visible" || style.clip !== "auto" || style.clipPath !== "none";
      if (box.width <= 1 && box.height <= 1 && clips) return true;
    }
    return false;
  };

  // Elements that stick out of the viewport sideways (the outermost of each nest).
  const outsideViewport = () => {
    const width = window.innerWidth;
    const found = [];
    for (const element of document.body.querySelectorAll("*")) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.right <= width + 1 && box.left >= -1) continue;
      if (found.some((outer) => outer.contains(element)) || hiddenByDesign(element)) continue;
      found.push(element);
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: width,
      elements: found.map(describe),
    };
  };

  // WCAG 2.5.8: a link in a sentence is exempt from the 24 by 24 px minimum. Here: an inline
  // link whose paragraph or list item (its nearest block) has text besides the link's own.
  const inSentence = (element) => {
    const inline = (node) => getComputedStyle(node).display === "inline";
    if (element.localName !== "a" || !inline(element)) return false;
    let block = element.parentElement;
    while (block && inline(block)) block = block.parentElement;
    return Boolean(block?.matches("p, li")) && block.textContent.replace(element.textContent, "").trim() !== "";
  };

  // What a tap can hit: the element's box grown by those of its shown content, such as an
  // image inside an inline link, which the link's own (line-high) box leaves out.
  const targetSize = (element) => {
    const boxes = [element, ...element.querySelectorAll("*")]
      .filter((node) => node === element || !hiddenByDesign(node))
      .map((node) => node.getBoundingClientRect())
      .filter((box) => box.width > 0 && box.height > 0);
    if (!boxes.length) return { width: 0, height: 0 };
    const left = Math.min(...boxes.map((box) => box.left));
    const top = Math.min(...boxes.map((box) => box.top));
    return {
      width: Math.max(...boxes.map((box) => box.right)) - left,
      height: Math.max(...boxes.map((box) => box.bottom)) - top,
    };
  };

  const smallTargets = (minimum) =>
    [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, summary, [role=button]")]
      .filter((element) => !hiddenByDesign(element))
      .map((element) => ({ element, size: targetSize(element) }))
      .filter(({ size }) => size.width < minimum || size.height < minimum)
      .map(({ element, size }) => ({
        ...describe(element),
        width: round(size.width),
        height: round(size.height),
        inSentence: inSentence(element),
      }));

  const landmarks = () => {
    // HTML-AAM: header and footer are banner and contentinfo unless inside sectioning content.
    const pageWide = (element) => !element.parentElement.closest("article, aside, main, nav, section");
    const count = (selector, role) =>
      [...document.querySelectorAll(`${selector}, [role=${role}]`)].filter(
        (element) => element.getAttribute("role") === role || pageWide(element),
      ).length;
    return {
      main: document.querySelectorAll("main, [role=main]").length,
      banner: count("header", "banner"),
      navigation: document.querySelectorAll("nav, [role=navigation]").length,
      contentinfo: count("footer", "contentinfo"),
    };
  };

  const headings = () =>
    [...document.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]")]
      .filter((heading) => heading.checkVisibility({ visibilityProperty: true }))
      .filter((heading) => !heading.closest("[aria-hidden=true], wagtail-userbar"))
      .map((heading) => ({
        level: Number(heading.getAttribute("aria-level") || heading.localName.slice(1)),
        text: heading.textContent.trim().replace(/\s+/g, " "),
        selector: selectorOf(heading),
      }));

  const focused = () => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
      ...describe(element),
      tag: element.localName,
      text: element.textContent.trim().replace(/\s+/g, " "),
      href: element.getAttribute("href"),
      isBody: element === document.body,
      inViewport: box.width > 1 && box.height > 1 && box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth,
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth) || 0,
      boxShadow: style.boxShadow,
    };
  };

  return { outsideViewport, smallTargets, landmarks, headings, focused };
})();
