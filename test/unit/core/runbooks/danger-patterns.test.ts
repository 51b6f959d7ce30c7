import { describe, expect, it } from 'vitest';
import { dangerousPatterns } from '../../../../electron/core/runbooks/danger-patterns.js';

describe('dangerousPatterns', () => {
  it.each([
    'rm -rf /var/lib/app',
    'sudo rm -r -f build',
    'rm --recursive --force x',
    'kubectl -n shop delete pod web-1',
    'kubectl drain node-3 --ignore-daemonsets',
    'kubectl scale deploy/web --replicas=0',
    'terraform destroy -auto-approve',
    'terraform apply -destroy',
    'helm uninstall web',
    'psql -c "DROP TABLE orders"',
    'psql -c "truncate orders"',
    'psql -c "DELETE FROM orders"',
    'mkfs.ext4 /dev/sdb1',
    'dd if=/dev/zero of=/dev/sda',
    'sudo reboot',
    'shutdown -h now',
    'git push -f origin main',
    'git push --force-with-lease',
    'apt-get install --force-yes x',
  ])('flags %s', (command) => {
    expect(dangerousPatterns(command)).not.toEqual([]);
  });

  it.each([
    'rm -f /tmp/one-file',
    'rm -r emptydir',
    'kubectl get pods',
    'kubectl scale deploy/web --replicas=3',
    'kubectl scale deploy/web --replicas=10',
    'psql -c "DELETE FROM orders WHERE id = 3"',
    'iptables -A INPUT -j DROP',
    'df -h; ls -rf',
    'git push origin main',
  ])('leaves %s alone', (command) => {
    expect(dangerousPatterns(command)).toEqual([]);
  });

  it('says why', () => {
    expect(dangerousPatterns('kubectl delete pod x && rm -rf /tmp/x')).toEqual([
      'deletes files recursively (rm -rf)',
      'deletes or drains Kubernetes resources (kubectl delete/drain)',
    ]);
  });
});
