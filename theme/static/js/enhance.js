document.documentElement.classList.replace('gk-no-js', 'gk-js');
