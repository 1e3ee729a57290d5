/**
 * A chart as a file: SVG text that stands on its own (colours resolved,
 * namespace declared, the page's focus handles removed), or a PNG drawn from
 * it at twice the size. The host writes either where the user picks.
 */
import type { Palette } from './theme';

export function svgText(svg: SVGSVGElement, palette: Palette): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('color', palette.foreground);
  copy.querySelectorAll('[tabindex]').forEach((element) => element.removeAttribute('tabindex'));
  copy.querySelectorAll('style').forEach((element) => element.remove());
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', palette.background);
  copy.insertBefore(background, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

/**
 * The PNG in base64, drawn through an <img> of the SVG: the page's CSP must
 * allow `img-src blob:` for it.
 */
export async function pngBase64(svg: SVGSVGElement, palette: Palette, scale = 2): Promise<string> {
  const width = svg.width.baseVal.value || svg.getBoundingClientRect().width;
  const height = svg.height.baseVal.value || svg.getBoundingClientRect().height;
  const url = URL.createObjectURL(new Blob([svgText(svg, palette)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.width = width;
    image.height = height;
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No canvas to draw the chart on.');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
  } finally {
    URL.revokeObjectURL(url);
  }
}
