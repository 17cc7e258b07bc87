import { Button, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api } from '../api/endpoints.ts';
import { useT } from '../i18n/locale.tsx';
import { problemText } from './problem-alert.tsx';

/**
 * Files uploaded at once (POST /api/v1/attachments), then named by id in the form that uses them.
 * `onChange` receives the ids of the files uploaded so far.
 */
export function AttachmentUpload({ onChange, max = 20, testId }: { onChange(ids: string[]): void; max?: number; testId?: string }) {
  const t = useT();
  return (
    <Upload
      maxCount={max}
      customRequest={({ file, onSuccess, onError }) => {
        api.upload(file as File).then(
          (a) => onSuccess?.(a),
          (e: unknown) => onError?.(new Error(problemText(e))),
        );
      }}
      onChange={({ fileList }: { fileList: UploadFile[] }) => onChange(fileList.filter((f) => f.status === 'done').map((f) => (f.response as { id: string }).id))}
    >
      <Button icon={<UploadOutlined />} data-testid={testId}>
        {t('上传附件（PDF、图片、Office、OFD）', 'Upload (PDF, images, Office, OFD)')}
      </Button>
    </Upload>
  );
}
