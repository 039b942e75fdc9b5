<?php
$name = $_POST['name'] ?? 'Anonymous';
$message = $_POST['message'] ?? '';
printf('<div class="comment"><strong>%s</strong><p>%s</p></div>', $name, $message);
