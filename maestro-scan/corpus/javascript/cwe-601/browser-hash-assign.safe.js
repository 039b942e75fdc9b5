function resumeAfterOnboarding() {
  const target = decodeURIComponent(window.location.hash.replace(/^#resume=/, ''));
  if (target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\')) {
    window.location.assign(target);
  } else {
    window.location.assign('/start');
  }
}

document.getElementById('finish').addEventListener('click', resumeAfterOnboarding);
