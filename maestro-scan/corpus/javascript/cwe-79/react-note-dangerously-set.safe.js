import React from 'react';
import { createRoot } from 'react-dom/client';
import DOMPurify from 'dompurify';

function SharedNote({ note }) {
  return React.createElement('div', {
    className: 'shared-note',
    dangerouslySetInnerHTML: { __html: DOMPurify.sanitize(note) },
  });
}

const note = new URLSearchParams(window.location.search).get('note') || '';
createRoot(document.getElementById('root')).render(React.createElement(SharedNote, { note }));
