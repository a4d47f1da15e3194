// jsdom has no layout: Grafana's Combobox measures text on a canvas, sizes its virtual list from clientHeight
// and watches scrolling with IntersectionObserver. These give it a fixed layout for the duration of a test file.

type Restore = () => void;

export function fixedLayout(): Restore {
  const g = globalThis as { IntersectionObserver?: unknown };
  const observer = g.IntersectionObserver;
  const getContext = HTMLCanvasElement.prototype.getContext;
  const height = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!;
  const width = Object.getOwnPropertyDescriptor(Element.prototype, 'clientWidth')!;
  g.IntersectionObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
  HTMLCanvasElement.prototype.getContext = (() => ({
    font: '',
    measureText: (text: string) => ({ width: text.length * 7 }),
  })) as never;
  Object.defineProperty(Element.prototype, 'clientHeight', { configurable: true, get: () => 300 });
  Object.defineProperty(Element.prototype, 'clientWidth', { configurable: true, get: () => 300 });
  return () => {
    g.IntersectionObserver = observer;
    HTMLCanvasElement.prototype.getContext = getContext;
    Object.defineProperty(Element.prototype, 'clientHeight', height);
    Object.defineProperty(Element.prototype, 'clientWidth', width);
  };
}
