/**
 * The NHS scroll pattern's behaviour (nhsuk-frontend's Scroll component, whose script this app
 * does not load): a region that scrolls sideways is focusable, so it can be scrolled from the
 * keyboard, and shows shadows at the edges with more to see; one that fits is not a tab stop.
 * For `<div class="nhsuk-scroll"><div class="nhsuk-scroll__content" use:scrollRegion>`.
 */
export function scrollRegion(content: HTMLElement) {
	const root = content.parentElement;
	const update = () => {
		const overflowing = content.scrollWidth > content.clientWidth;
		root?.classList.toggle('nhsuk-scroll--scrollable', overflowing);
		root?.classList.toggle('nhsuk-scroll--scrollable-left', content.scrollLeft > 0);
		root?.classList.toggle(
			'nhsuk-scroll--scrollable-right',
			content.scrollLeft < content.scrollWidth - content.clientWidth - 1
		);
		if (overflowing) content.setAttribute('tabindex', '0');
		else content.removeAttribute('tabindex');
	};
	const observer = new ResizeObserver(update);
	// The region's width changes with the window, the table's with the figures in it.
	for (const element of [content, ...content.children]) observer.observe(element);
	content.addEventListener('scroll', update);
	update();
	return {
		destroy() {
			observer.disconnect();
			content.removeEventListener('scroll', update);
		}
	};
}
